import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'undici';
import { DomainError, ErrorCode, requestText, RequestTimeoutError, type FieldError } from '@clove/kit';

export interface Card {
  number: string;
  expiry: string;
  cvc: string;
}

export interface Payment {
  id: string;
  status: 'captured' | 'failed';
  amount: number;
  refundedAmount: number;
  reference: string | null;
}

export type ChargeOutcome =
  | { kind: 'captured'; payment: Payment }
  | { kind: 'declined'; declineCode: string; detail: string }
  /** The gateway refused the card's details (number, expiry, CVC): the buyer's to correct. */
  | { kind: 'card_invalid'; errors: FieldError[] };

const RETRY_DELAYS_MS = [100, 400];

/**
 * The payments service over HTTP (an external gateway's shape): one time limit per call, retries
 * included, and retries that are safe because every call carries an idempotency key. A call that
 * fails fast (refused connection, 503) is tried again while time is left; one that times out has
 * used the time, so a buyer waits at most `timeoutMs` for a 504, not once per attempt. Calls go
 * over kept-alive connections through the kit's requestText (a fraction of fetch's CPU, and every
 * purchase makes one).
 */
export class PaymentsClient {
  private readonly agent = new Agent({ connections: 128, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000 });

  constructor(private readonly baseUrl: string, private readonly apiKey: string, private readonly timeoutMs: number) {}

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The longest one call can take, retries included. */
  get maxCallMs(): number {
    return this.timeoutMs;
  }

  async charge(key: string, body: { amount: number; currency: string; card: Card; reference: string; description: string }): Promise<ChargeOutcome> {
    const response = await this.send('POST', '/payments', body, key);
    if (response.status === 201) return { kind: 'captured', payment: response.body as Payment };
    if (response.status === 402) {
      const problem = response.body as { declineCode?: string; detail?: string };
      return { kind: 'declined', declineCode: problem.declineCode ?? 'declined', detail: problem.detail ?? 'The card was declined.' };
    }
    const cardErrors = response.status === 400 ? cardErrorsOf(response.body) : [];
    if (cardErrors.length > 0) return { kind: 'card_invalid', errors: cardErrors };
    throw unexpected(response);
  }

  async refund(key: string, paymentId: string, amount: number): Promise<void> {
    const response = await this.send('POST', `/payments/${encodeURIComponent(paymentId)}/refunds`, { amount }, key);
    if (response.status === 201) return;
    throw unexpected(response);
  }

  async findByReference(reference: string): Promise<Payment[]> {
    const response = await this.send('GET', `/payments?reference=${encodeURIComponent(reference)}`);
    if (response.status === 200) return (response.body as { items: Payment[] }).items;
    throw unexpected(response);
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: unknown }> {
    const deadline = performance.now() + this.timeoutMs;
    let lastError: DomainError | undefined;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) {
        const pause = RETRY_DELAYS_MS[attempt - 1]!;
        if (performance.now() + pause >= deadline) break;
        await delay(pause);
      }
      try {
        const response = await requestText(this.agent, `${this.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.apiKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          timeoutMs: Math.max(1, Math.round(deadline - performance.now())),
        });
        const parsed = parseObject(response.text) as { code?: string };
        const status = response.status;
        const retryable = status === 503 || (status === 409 && parsed.code === 'IDEMPOTENCY_KEY_IN_USE');
        if (!retryable) return { status, body: parsed };
        lastError = new DomainError(ErrorCode.UNAVAILABLE, 'The payment service is unavailable.', { reason: 'PAYMENTS_UNAVAILABLE' });
      } catch (error) {
        const timedOut = error instanceof RequestTimeoutError;
        lastError = timedOut
          ? new DomainError(ErrorCode.GATEWAY_TIMEOUT, 'The payment service did not answer in time.', { reason: 'PAYMENTS_TIMEOUT' })
          : new DomainError(ErrorCode.UNAVAILABLE, 'The payment service cannot be reached.', { reason: 'PAYMENTS_UNAVAILABLE' });
      }
    }
    throw lastError!;
  }
}

/** The answer's JSON object; an empty one for an answer that is not JSON (as a proxy's error page). */
function parseObject(text: string): unknown {
  try {
    return JSON.parse(text) ?? {};
  } catch {
    return {};
  }
}

/** The field errors of a 400 that are all about the card; none when anything else was refused. */
function cardErrorsOf(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return [];
  const valid = errors.every((e: { path?: unknown; message?: unknown }) =>
    typeof e?.path === 'string' && e.path.startsWith('/body/card/') && typeof e.message === 'string');
  return valid ? errors.map((e: FieldError) => ({ path: e.path, message: e.message })) : [];
}

function unexpected(response: { status: number; body: unknown }): DomainError {
  return new DomainError(ErrorCode.BAD_GATEWAY, `The payment service answered ${response.status} unexpectedly.`, {
    reason: 'PAYMENTS_ERROR',
  });
}

/** The same failure to reach payments, with what it means for the caller's request added. */
export function withOutcome(error: unknown, outcome: string): unknown {
  if (!(error instanceof DomainError) || !['PAYMENTS_TIMEOUT', 'PAYMENTS_UNAVAILABLE'].includes(error.reason)) return error;
  return new DomainError(error.code, `${error.message} ${outcome}`, { reason: error.reason, cause: error });
}
