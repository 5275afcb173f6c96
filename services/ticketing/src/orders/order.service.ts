import { createHash, randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, problemOf, type Pool } from '@clove/kit';
import type { TicketingConfig } from '../config.js';
import type { PerformanceCache } from '../performance/performance.cache.js';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';
import type { TicketCodes } from '../tickets/ticket-code.js';
import { OrderBatcher, type BeginOutcome, type HeldSeat } from './order-batcher.js';
import { withOutcome, type Card, type PaymentsClient } from './payments.client.js';

/** What POST /buyticket/orders answers; stored per Idempotency-Key and replayed on retries. */
export interface OrderResponse {
  status: number;
  body: Record<string, unknown>;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed?: boolean;
}

/** What begin_order's outcomes mean; `store` answers are kept and replayed for the key. */
const REFUSALS: Record<Exclude<BeginOutcome['outcome'], 'replay' | 'charge'>, { code: ErrorCode; reason: string; detail: string; store: boolean }> = {
  reused: { code: ErrorCode.CONFLICT, reason: 'IDEMPOTENCY_KEY_REUSED', detail: 'This Idempotency-Key was used for a different request.', store: false },
  in_progress: { code: ErrorCode.CONFLICT, reason: 'REQUEST_IN_PROGRESS', detail: 'A request with this Idempotency-Key is still in progress.', store: false },
  abandoned: {
    code: ErrorCode.CONFLICT,
    reason: 'IDEMPOTENCY_KEY_EXPIRED',
    detail: 'This Idempotency-Key expired after a failure; any charge was refunded. Use a new key.',
    store: false,
  },
  hold_not_found: { code: ErrorCode.NOT_FOUND, reason: 'HOLD_NOT_FOUND', detail: 'No such hold.', store: true },
  not_your_hold: { code: ErrorCode.NOT_ALLOWED, reason: 'NOT_YOUR_HOLD', detail: 'This hold belongs to another buyer.', store: true },
  hold_expired: {
    code: ErrorCode.GONE,
    reason: 'HOLD_EXPIRED',
    // One answer for a hold that is not live, however it ended: the buyer's next step is the same.
    detail: 'The hold is no longer active: it expired, was released or replaced by a newer hold, or was already paid. Nothing was charged.',
    store: true,
  },
};

const keyExpired = (detail: string) => new DomainError(ErrorCode.CONFLICT, detail, { reason: 'IDEMPOTENCY_KEY_EXPIRED' });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function requestHash(holdId: string, card: Card): string {
  return sha256(JSON.stringify({ holdId, card: { number: sha256(card.number.replace(/\s/g, '')), expiry: card.expiry, cvc: sha256(card.cvc) } }));
}

const refusal = (code: ErrorCode, detail: string, reason: string, extra: Record<string, unknown> = {}): OrderResponse => {
  const problem = problemOf(code, detail, reason, extra);
  return { status: problem.status, body: problem };
};

/**
 * R32: paying a hold. The Idempotency-Key fixes the order id and the key sent to the payments
 * service, so any number of retries charge at most once; the outcome is stored and replayed.
 */
export class OrderService {
  private readonly calls: OrderBatcher;

  constructor(
    private readonly pool: Pool,
    private readonly config: TicketingConfig,
    private readonly payments: PaymentsClient,
    private readonly codes: TicketCodes,
    private readonly performances: PerformanceCache,
    private readonly announcer: SeatAnnouncer,
  ) {
    this.calls = new OrderBatcher(pool);
  }

  async placeOrder(buyerId: string, idempotencyKey: string, holdId: string, card: Card): Promise<OrderResponse> {
    const begun = await this.begin(buyerId, idempotencyKey, requestHash(holdId, card), holdId);
    if (begun.outcome === 'replay') return { status: begun.status, body: begun.body, replayed: true };
    if (begun.outcome !== 'charge') {
      const refused = REFUSALS[begun.outcome];
      if (refused.store) return this.finish(buyerId, idempotencyKey, refusal(refused.code, refused.detail, refused.reason));
      throw new DomainError(refused.code, refused.detail, { reason: refused.reason });
    }
    const finish = (response: OrderResponse) => this.finish(buyerId, idempotencyKey, response);
    if (await this.started()) {
      return finish(refusal(ErrorCode.NOT_ALLOWED, 'The performance has started; the sale is closed. Nothing was charged.', 'SALE_CLOSED'));
    }
    const { orderId, seats } = begun;
    const amount = seats.reduce((sum, seat) => sum + seat.price, 0);
    let outcome;
    try {
      outcome = await this.payments.charge(`order:${orderId}`, {
        amount,
        currency: this.config.CURRENCY,
        card,
        reference: orderId,
        description: `${this.config.SLUG}: ${seats.length} seat(s)`,
      });
    } catch (error) {
      await this.markRetryable(buyerId, idempotencyKey);
      throw withOutcome(error, 'Retry with the same Idempotency-Key: the card is charged at most once.');
    }
    if (outcome.kind === 'card_invalid') {
      const detail = outcome.errors.map((e) => `${e.path} ${e.message}`).join('; ');
      return finish(refusal(ErrorCode.INVALID, `The card was not accepted: ${detail}. The hold stays until it expires.`, 'CARD_INVALID', {
        errors: outcome.errors,
      }));
    }
    if (outcome.kind === 'declined') {
      return finish(refusal(ErrorCode.PAYMENT_DECLINED, `${outcome.detail} The hold stays until it expires.`, 'PAYMENT_DECLINED', {
        declineCode: outcome.declineCode,
      }));
    }

    const payment = outcome.payment;
    const converted = await this.convert(buyerId, idempotencyKey, orderId, holdId, payment.id, seats);
    if (typeof converted === 'object') return converted;
    // The hold expired while the card was charged, or the attempt was given up: give the money back.
    try {
      await this.payments.refund(`order-refund:${orderId}`, payment.id, payment.amount);
    } catch (error) {
      await this.markRetryable(buyerId, idempotencyKey); // the reconciler will refund it
      throw error;
    }
    if (converted === 'abandoned') throw keyExpired('This attempt took too long and was cancelled; the charge was refunded. Use a new key.');
    return finish(refusal(ErrorCode.GONE, 'The hold expired during payment; the charge was refunded.', 'HOLD_EXPIRED'));
  }

  /** The sale closes when the performance starts, for holds taken before as for new ones. */
  private async started(): Promise<boolean> {
    const performance = await this.performances.get();
    return performance !== null && performance.starts_at.getTime() <= Date.now();
  }

  /** Claims the Idempotency-Key (one conditional write) and reads the hold, in one database call. */
  private begin(buyerId: string, key: string, hash: string, holdId: string): Promise<BeginOutcome> {
    return this.calls.begin({ buyerId, key, hash, holdId, orderId: randomUUID() });
  }

  /**
   * Turns the hold into an order, tickets and the order.paid event in one database call
   * (finish_order), unless the hold is no longer live ('expired') or the reconciler gave this
   * attempt up meanwhile ('abandoned').
   */
  private async convert(
    buyerId: string,
    key: string,
    orderId: string,
    holdId: string,
    paymentId: string,
    seats: HeldSeat[],
  ): Promise<OrderResponse | 'expired' | 'abandoned'> {
    const amount = seats.reduce((sum, seat) => sum + seat.price, 0);
    const tickets = seats.map((seat) => {
      const id = randomUUID();
      return { id, seat, code: this.codes.sign(id, seat.id) };
    });
    const performance = await this.performances.get();
    const response: OrderResponse = {
      status: 201,
      body: {
        order: { id: orderId, status: 'paid', amount, currency: this.config.CURRENCY },
        tickets: tickets.map((t) => ({ id: t.id, seatId: t.seat.id, code: t.code })),
      },
    };
    const event = {
      orderId,
      buyerId,
      title: performance?.title ?? '',
      venue: performance?.venue ?? '',
      startsAt: performance?.starts_at.toISOString() ?? '',
      amount,
      currency: this.config.CURRENCY,
      paidAt: new Date().toISOString(),
      tickets: tickets.map((t) => ({ id: t.id, seatId: t.seat.id, section: t.seat.section, row: t.seat.row, number: t.seat.number, grade: t.seat.grade, price: t.seat.price, code: t.code })),
    };
    const result = await this.calls.finish({
      buyerId,
      key,
      orderId,
      holdId,
      paymentId,
      amount,
      currency: this.config.CURRENCY,
      tickets: tickets.map((t) => ({ id: t.id, seatId: t.seat.id, price: t.seat.price, code: t.code })),
      response: response.body,
      eventId: randomUUID(),
      event,
    });
    if (result !== 'paid') return result;
    this.announcer.announce(seats.map((seat) => seat.id), 'sold');
    return response;
  }

  private async finish(buyerId: string, key: string, response: OrderResponse): Promise<OrderResponse> {
    await this.pool.query(
      `update order_requests set status = 'done', response_status = $3, response_body = $4, updated_at = now()
       where buyer_id = $1 and idempotency_key = $2`,
      [buyerId, key, response.status, response.body],
    );
    return response;
  }

  private async markRetryable(buyerId: string, key: string): Promise<void> {
    await this.pool.query(
      `update order_requests set status = 'retryable', updated_at = now() where buyer_id = $1 and idempotency_key = $2 and status = 'pending'`,
      [buyerId, key],
    );
  }
}
