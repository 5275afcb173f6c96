import QRCode from 'qrcode';
import { Type } from 'typebox';
import { notAllowed, notFound, principalOf, withProblems, type App, type Guard, type Pool } from '@clove/kit';
import type { RefundService } from './refund.service.js';
import type { TicketCodes } from './ticket-code.js';
import { ordersOf, ticketById, ticketsOf } from './tickets.queries.js';

const TicketSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  seatId: Type.String(),
  section: Type.String(),
  row: Type.String(),
  number: Type.Integer(),
  grade: Type.String(),
  price: Type.Integer(),
  state: Type.String(),
  code: Type.String(),
});
const OrderSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  amount: Type.Integer(),
  refundedAmount: Type.Integer(),
  currency: Type.String(),
  paidAt: Type.String(),
  tickets: Type.Array(Type.Object({ id: Type.String(), seatId: Type.String(), state: Type.String() })),
});
const TicketParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const bearer = [{ bearer: [] }];

/** R33, R35 for this performance; the catalog has the buyer's tickets across performances. */
export function registerTicketRoutes(
  app: App,
  deps: { pool: Pool; refunds: RefundService; codes: TicketCodes; buyer: Guard; owner: Guard },
): void {
  const { pool, buyer } = deps;

  app.get('/ticket/tickets', {
    onRequest: buyer,
    schema: { summary: 'Your tickets for this performance', security: bearer, response: withProblems({ 200: Type.Array(TicketSchema) }) },
  }, async (request) => ticketsOf(pool, principalOf(request).userId));

  app.get('/ticket/orders', {
    onRequest: buyer,
    schema: { summary: 'Your orders for this performance', security: bearer, response: withProblems({ 200: Type.Array(OrderSchema) }) },
  }, async (request) => ordersOf(pool, principalOf(request).userId));

  app.get('/ticket/tickets/:id/qr', {
    onRequest: buyer,
    schema: { summary: 'The ticket code as a QR image (PNG) for entry (R35)', security: bearer, params: TicketParams },
  }, async (request, reply) => {
    const ticket = await ticketById(pool, request.params.id);
    if (!ticket) throw notFound('No such ticket.', 'TICKET_NOT_FOUND');
    if (ticket.buyerId !== principalOf(request).userId) throw notAllowed('This ticket belongs to another buyer.', 'NOT_YOUR_TICKET');
    const png = await QRCode.toBuffer(ticket.code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });
    return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
  });

  app.post('/ticket/tickets/:id/refund', {
    onRequest: buyer,
    schema: {
      summary: 'Refund a ticket before the performance starts (R33); the seat becomes available',
      security: bearer,
      params: TicketParams,
      response: withProblems({
        200: Type.Object({
          ticket: Type.Object({ id: Type.String(), seatId: Type.String(), state: Type.Literal('refunded') }),
          refund: Type.Object({ amount: Type.Integer() }),
        }),
      }),
    },
  }, async (request) => deps.refunds.refund(principalOf(request).userId, request.params.id));

  app.post('/ticket/verify', {
    onRequest: deps.owner,
    schema: {
      summary: 'Check a ticket code at the door (R35)',
      security: bearer,
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
      response: withProblems({
        200: Type.Object({ valid: Type.Boolean(), ticket: Type.Optional(Type.Object({ id: Type.String(), seatId: Type.String(), state: Type.String() })) }),
      }),
    },
  }, async (request) => {
    const claimed = deps.codes.verify(request.body.code);
    if (!claimed) return { valid: false };
    const ticket = await ticketById(pool, claimed.ticketId);
    if (!ticket || ticket.seatId !== claimed.seatId) return { valid: false };
    return { valid: ticket.state === 'valid', ticket: { id: ticket.id, seatId: ticket.seatId, state: ticket.state } };
  });
}
