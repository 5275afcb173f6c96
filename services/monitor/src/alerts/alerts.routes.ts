import { Type } from 'typebox';
import { conflict, withProblems, type App, type Guards } from '@clove/kit';
import type { AlertEvaluator } from './alert-evaluator.js';
import type { AlertRepository } from './alert.repository.js';
import { AlertRuleSchema, AlertRulesBody, AlertSchema, AlertsQuery } from './alert.schemas.js';

const bearer = [{ bearer: [] }];

/** R20 for admins: the rules, and the alerts they raised. */
export function registerAlertRoutes(app: App, deps: { guards: Guards; alerts: AlertRepository; evaluator: AlertEvaluator }): void {
  const admin = deps.guards.requireRole('admin');

  app.get('/alerts', {
    onRequest: admin,
    schema: { summary: 'Alerts, newest first: open, resolved or all (R20)', security: bearer, querystring: AlertsQuery, response: withProblems({ 200: Type.Array(AlertSchema) }) },
  }, async (request) => deps.alerts.list({ state: request.query.state ?? 'all', deploymentId: request.query.deploymentId, limit: request.query.limit ?? 200 }));

  app.get('/alert-rules', {
    onRequest: admin,
    schema: { summary: 'The anomaly rules (R20)', security: bearer, response: withProblems({ 200: Type.Array(AlertRuleSchema) }) },
  }, async () => deps.alerts.rules());

  app.put('/alert-rules', {
    onRequest: admin,
    schema: {
      summary: 'Replace the anomaly rules; alerts of the old rules are resolved (R20)',
      security: bearer,
      body: AlertRulesBody,
      response: withProblems({ 200: Type.Array(AlertRuleSchema) }),
    },
  }, async (request) => {
    const names = request.body.map((r) => r.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw conflict(`Two rules are named ${twice}.`, 'DUPLICATE_RULE');
    await deps.alerts.replaceRules(request.body);
    deps.evaluator.reset();
    return deps.alerts.rules();
  });
}
