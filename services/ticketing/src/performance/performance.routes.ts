import { NoQuery, withProblems, type App, type Guard } from '@clove/kit';
import { ApplyBody, EventSchema, ModifyBody } from './performance.schemas.js';
import type { PerformanceService } from './performance.service.js';

const bearer = [{ bearer: [] }];

export function registerPerformanceRoutes(app: App, deps: { performances: PerformanceService; owner: Guard }): void {
  const { performances, owner } = deps;

  app.post('/apply', {
    onRequest: owner,
    schema: { summary: 'Register the performance and its seat map (R23)', security: bearer, body: ApplyBody, response: withProblems({ 201: EventSchema }) },
  }, async (request, reply) => reply.status(201).send(await performances.apply(request.body)));

  app.put('/modify', {
    onRequest: owner,
    schema: { summary: 'Modify the performance (R24); touching sold seats is refused', security: bearer, body: ModifyBody, response: withProblems({ 200: EventSchema }) },
  }, async (request) => performances.modify(request.body));

  app.get('/event', {
    schema: {
      summary: 'Performance details (R28)',
      querystring: NoQuery,
      description: 'Read once a second for everyone asking: `remaining` and the grades\' counts are at most 1 s old.',
      response: withProblems({ 200: EventSchema }),
    },
  }, async () => performances.details());
}
