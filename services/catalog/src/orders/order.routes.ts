import { Type } from 'typebox';
import { principalOf, withProblems, type App, type Guards, type Pool } from '@clove/kit';
import { listBuyerOrders, listBuyerTickets } from './order.repository.js';
import { BuyerOrderSchema, BuyerTicketSchema } from './order.schemas.js';

const bearer = [{ bearer: [] }];

/** The signed-in buyer's history across every performance; never anyone else's. */
export function registerBuyerRoutes(app: App, deps: { pool: Pool; guards: Guards }): void {
  const buyer = deps.guards.requireRole('buyer');

  app.get('/me/orders', {
    onRequest: buyer,
    schema: {
      summary: 'My orders on every performance, in every state, newest first (R34)',
      security: bearer,
      response: withProblems({ 200: Type.Array(BuyerOrderSchema) }),
    },
  }, async (request) => listBuyerOrders(deps.pool, principalOf(request).userId));

  app.get('/me/tickets', {
    onRequest: buyer,
    schema: {
      summary: 'My valid tickets on every performance, by start time then seat (R35)',
      security: bearer,
      response: withProblems({ 200: Type.Array(BuyerTicketSchema) }),
    },
  }, async (request) => listBuyerTickets(deps.pool, principalOf(request).userId));
}
