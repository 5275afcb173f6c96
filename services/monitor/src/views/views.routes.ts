import { Type } from 'typebox';
import { bearerToken, checkTimeWindow, DomainError, ErrorCode, refusalFrom, TimeWindowQuery, withProblems, type App, type Guards } from '@clove/kit';
import type { DeployerClient } from '../clients/deployer.client.js';
import type { MetricsSource } from '../metrics/metrics-source.js';

const bearer = [{ bearer: [] }];
const Params = Type.Object({ deploymentId: Type.String({ format: 'uuid' }) });
const SeriesSchema = Type.Object({
  component: Type.String(),
  replica: Type.String(),
  metric: Type.Union([Type.Literal('cpu'), Type.Literal('memory')]),
  unit: Type.Union([Type.Literal('cores'), Type.Literal('bytes')]),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: '[unix seconds, value]' }),
});
const ServerViewSchema = Type.Object({
  deploymentId: Type.String(),
  namespace: Type.String(),
  source: Type.Union([Type.Literal('embedded'), Type.Literal('prometheus')]),
  from: Type.String(),
  to: Type.String(),
  stepSeconds: Type.Integer(),
  series: Type.Array(SeriesSchema),
});

export interface ViewsDeps {
  guards: Guards;
  deployer: DeployerClient;
  source: MetricsSource;
  performancesUrl: string;
  timeoutMs: number;
  limits: { maxWindowSeconds: number; minStepSeconds: number };
}

/** R11, R26: a deployment's own views, for its owner, its members and admins (the deployer decides who). */
export function registerViewRoutes(app: App, deps: ViewsDeps): void {
  const reader = deps.guards.requireRole('seller', 'admin');
  const limits = { ...deps.limits, maxPoints: 11_000, defaultStepSeconds: 60 };

  app.get('/server/:deploymentId', {
    onRequest: reader,
    schema: {
      summary: 'CPU (cores) and memory (bytes) over time per component and replica of a deployment (R11); at most 11,000 points per series',
      security: bearer,
      params: Params,
      querystring: TimeWindowQuery,
      response: withProblems({ 200: ServerViewSchema }),
    },
  }, async (request) => {
    const window = checkTimeWindow(request.query, limits);
    const deployment = await deps.deployer.deployment(request.params.deploymentId, bearerToken(request));
    const series = await deps.source.serverSeries({ deploymentId: deployment.id, namespace: deployment.namespace, ...window });
    return {
      deploymentId: deployment.id,
      namespace: deployment.namespace,
      source: deps.source.name,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      stepSeconds: window.stepSeconds,
      series,
    };
  });

  app.get('/ticket/:deploymentId', {
    onRequest: reader,
    schema: {
      summary: 'Bookings, revenue and refunds per interval and per grade of a deployment\'s performance (R26), from its own data',
      security: bearer,
      params: Params,
      querystring: TimeWindowQuery,
      response: withProblems({ 200: Type.Object({ deploymentId: Type.String(), slug: Type.String() }, { additionalProperties: true }) }),
    },
  }, async (request) => {
    const token = bearerToken(request);
    const deployment = await deps.deployer.deployment(request.params.deploymentId, token);
    const query = new URLSearchParams({ from: request.query.from, to: request.query.to, ...(request.query.step ? { step: String(request.query.step) } : {}) });
    const url = `${deps.performancesUrl.replace(/\/$/, '')}/e/${deployment.slug}/sales/series?${query}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(deps.timeoutMs) });
    } catch (error) {
      throw performanceUnavailable(deployment.slug, error);
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.ok && body) return { deploymentId: deployment.id, slug: deployment.slug, ...body };
    if (response.status >= 500 || !body) throw performanceUnavailable(deployment.slug, new Error(`it answered ${response.status}`));
    throw refusalFrom(response.status, body, 'performance');
  });
}

const performanceUnavailable = (slug: string, cause: unknown) =>
  new DomainError(ErrorCode.UNAVAILABLE, `The performance ${slug} cannot be reached; its statistics are there.`, { reason: 'PERFORMANCE_UNAVAILABLE', cause });
