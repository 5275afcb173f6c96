import { Type } from 'typebox';
import { NoQuery, principalOf, withProblems, type App, type Guard } from '@clove/kit';
import type { HoldService } from './hold.service.js';
import { HoldBody, HoldSchema, LiveHoldSchema } from './holds.schemas.js';

const bearer = [{ bearer: [] }];

/** R30, R31. */
export function registerHoldRoutes(app: App, deps: { holds: HoldService; buyer: Guard }): void {
  app.post('/buyticket/holds', {
    onRequest: deps.buyer,
    schema: {
      summary: 'Hold seats (R30); replaces your previous hold; 409 names seats already taken (R31)',
      security: bearer,
      body: HoldBody,
      response: withProblems({ 201: HoldSchema }),
    },
  }, async (request, reply) => reply.status(201).send(await deps.holds.hold(principalOf(request).userId, request.body.seatIds)));

  app.get('/buyticket/holds/current', {
    onRequest: deps.buyer,
    schema: {
      summary: 'Your live hold on this performance with its seats, or null: a reloaded page carries on with checkout',
      security: bearer,
      querystring: NoQuery,
      response: withProblems({ 200: Type.Object({ hold: Type.Union([LiveHoldSchema, Type.Null()]) }) }),
    },
  }, async (request) => ({ hold: await deps.holds.current(principalOf(request).userId) }));

  app.delete('/buyticket/holds/:holdId', {
    onRequest: deps.buyer,
    schema: {
      summary: 'Release a hold',
      security: bearer,
      params: Type.Object({ holdId: Type.String({ format: 'uuid' }) }),
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await deps.holds.release(principalOf(request).userId, request.params.holdId);
    return reply.status(204).send(null);
  });
}
