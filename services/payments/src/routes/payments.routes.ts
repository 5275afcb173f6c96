import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, withProblems, type App } from '@clove/kit';
import type { Faults } from '../faults/faults.js';
import { requestFingerprint } from '../idempotency/fingerprint.js';
import { problemOutcome, type Answer, type Idempotency, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import { apiKeyOf, type ApiKeyGuard } from '../keys/api-key.guard.js';
import { assertValidCard, cardDeclined, type PaymentService } from '../payments/payment.service.js';
import {
  CreatePaymentBody,
  CreateRefundBody,
  IdempotencyHeaders,
  PaymentListSchema,
  PaymentParams,
  PaymentQuery,
  PaymentSchema,
  RefundSchema,
} from './payments.schemas.js';

export interface PaymentRouteDeps {
  payments: PaymentService;
  idempotency: Idempotency;
  faults: Faults;
  guard: ApiKeyGuard;
}

const bearer = [{ bearer: [] }];

function idempotentRequest(request: FastifyRequest): IdempotentRequest {
  const apiKey = apiKeyOf(request);
  return {
    apiKeyId: apiKey.id,
    key: String(request.headers['idempotency-key']),
    fingerprint: requestFingerprint(apiKey.secret, request.method, request.url.split('?')[0]!, request.body),
    requestId: request.id,
  };
}

function sendAnswer(reply: FastifyReply, answer: Answer) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  if (answer.statusCode >= 400) reply.type(PROBLEM_CONTENT_TYPE);
  return reply.status(answer.statusCode).send(answer.body);
}

/** The payment-gateway API: charges, refunds and look-ups, for other services (API key). */
export function registerPaymentRoutes(app: App, deps: PaymentRouteDeps): void {
  const { payments, idempotency, faults, guard } = deps;
  // Faults first: an injected failure happens before anything else, authentication included.
  const onRequest = [faults.maybeFail, guard];
  const onSend = faults.delayAnswer;

  app.post('/payments', {
    onRequest,
    onSend,
    schema: {
      summary: 'Create and capture a payment (idempotent by Idempotency-Key)',
      description: 'Test cards: 4242424242424242 is captured; 4000000000000002 and 4000000000009995 are declined (402).',
      security: bearer,
      headers: IdempotencyHeaders,
      body: CreatePaymentBody,
      response: withProblems({ 201: PaymentSchema }),
    },
  }, async (request, reply) => {
    assertValidCard(request.body.card);
    const answer = await idempotency.runWrite(idempotentRequest(request), () => {
      const { payment, declineCode, write } = payments.charge(request.body);
      const outcome = declineCode ? problemOutcome(cardDeclined(payment.id, declineCode), request.id) : { statusCode: 201, body: payment };
      return { outcome, ...write };
    });
    return sendAnswer(reply, answer);
  });

  app.get('/payments/:id', {
    onRequest,
    onSend,
    schema: { summary: 'A payment', security: bearer, params: PaymentParams, response: withProblems({ 200: PaymentSchema }) },
  }, async (request) => payments.get(request.params.id));

  app.get('/payments', {
    onRequest,
    onSend,
    schema: {
      summary: "The payments with a caller's reference, oldest first (did a charge happen after a timeout?)",
      security: bearer,
      querystring: PaymentQuery,
      response: withProblems({ 200: PaymentListSchema }),
    },
  }, async (request) => ({ items: await payments.listByReference(request.query.reference) }));

  app.post('/payments/:id/refunds', {
    onRequest,
    onSend,
    schema: {
      summary: 'Refund part or all of a captured payment (idempotent by Idempotency-Key)',
      security: bearer,
      headers: IdempotencyHeaders,
      params: PaymentParams,
      body: CreateRefundBody,
      response: withProblems({ 201: RefundSchema }),
    },
  }, async (request, reply) => {
    const answer = await idempotency.run(idempotentRequest(request), async (db) => ({
      statusCode: 201,
      body: await payments.refund(db, request.params.id, request.body.amount),
    }));
    return sendAnswer(reply, answer);
  });
}
