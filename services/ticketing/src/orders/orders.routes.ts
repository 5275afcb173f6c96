import { Type } from 'typebox';
import { principalOf, sendProblem, withProblems, type App, type Guard, type Problem } from '@clove/kit';
import type { OrderService } from './order.service.js';

const CardSchema = Type.Object(
  {
    number: Type.String({ pattern: '^[0-9 ]{12,23}$', description: 'Card number (test cards only)' }),
    expiry: Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$', description: 'MM/YY' }),
    cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
  },
  { additionalProperties: false },
);
const OrderBody = Type.Object({ holdId: Type.String({ format: 'uuid' }), card: CardSchema }, { additionalProperties: false });
const OrderHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 200, description: 'Makes retries safe: same key, same result, one charge' }),
});
const OrderCreatedSchema = Type.Object({
  order: Type.Object({ id: Type.String(), status: Type.Literal('paid'), amount: Type.Integer(), currency: Type.String() }),
  tickets: Type.Array(Type.Object({ id: Type.String(), seatId: Type.String(), code: Type.String() })),
});

/** R32. */
export function registerOrderRoutes(app: App, deps: { orders: OrderService; buyer: Guard }): void {
  app.post('/buyticket/orders', {
    onRequest: deps.buyer,
    schema: {
      summary: 'Pay your hold (R32): 201 order and tickets; 402 declined (hold kept); 410 hold expired (nothing charged)',
      security: [{ bearer: [] }],
      headers: OrderHeaders,
      body: OrderBody,
      response: withProblems({ 201: OrderCreatedSchema }),
    },
  }, async (request, reply) => {
    const { status, body, replayed } = await deps.orders.placeOrder(
      principalOf(request).userId,
      request.headers['idempotency-key'],
      request.body.holdId,
      request.body.card,
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    if (status < 400) return reply.status(status).send(body as never);
    // The problem is kept for the key's retries; the request id is this request's.
    return sendProblem(reply, { ...(body as Problem), requestId: request.id });
  });
}
