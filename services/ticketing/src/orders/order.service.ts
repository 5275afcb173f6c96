import { createHash, randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, problemOf, withTransaction, type Pool, type PoolClient } from '@clove/kit';
import type { TicketingConfig } from '../config.js';
import { writeOutbox } from '../outbox/outbox.js';
import { notifySeats } from '../seats/seat-events.js';
import type { TicketCodes } from '../tickets/ticket-code.js';
import type { Card, PaymentsClient } from './payments.client.js';

/** What POST /buyticket/orders answers; stored per Idempotency-Key and replayed on retries. */
export interface OrderResponse {
  status: number;
  body: Record<string, unknown>;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed?: boolean;
}

interface ClaimedRequest {
  orderId: string;
}

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
  constructor(
    private readonly pool: Pool,
    private readonly config: TicketingConfig,
    private readonly payments: PaymentsClient,
    private readonly codes: TicketCodes,
  ) {}

  async placeOrder(buyerId: string, idempotencyKey: string, holdId: string, card: Card): Promise<OrderResponse> {
    const claim = await this.claim(buyerId, idempotencyKey, requestHash(holdId, card), holdId);
    if ('replay' in claim) return claim.replay;
    const { orderId } = claim;
    const finish = (response: OrderResponse) => this.finish(buyerId, idempotencyKey, response);

    const hold = await this.pool.query<{ buyer_id: string; live: boolean; seats: string; amount: string | null; wanted: number }>(
      `select h.buyer_id, (h.status = 'active' and h.expires_at > now()) as live,
              (select count(*) from seats where hold_id = h.id and state = 'held') as seats,
              (select sum(price) from seats where hold_id = h.id and state = 'held') as amount,
              cardinality(h.seat_ids) as wanted
       from holds h where h.id = $1`,
      [holdId],
    );
    const row = hold.rows[0];
    if (!row) return finish(refusal(ErrorCode.NOT_FOUND, 'No such hold.', 'HOLD_NOT_FOUND'));
    if (row.buyer_id !== buyerId) return finish(refusal(ErrorCode.NOT_ALLOWED, 'This hold belongs to another buyer.', 'NOT_YOUR_HOLD'));
    if (!row.live || Number(row.seats) !== row.wanted) {
      return finish(refusal(ErrorCode.GONE, 'The hold has expired; nothing was charged. Hold the seats again.', 'HOLD_EXPIRED'));
    }
    const amount = Number(row.amount ?? 0);

    let outcome;
    try {
      outcome = await this.payments.charge(`order:${orderId}`, {
        amount,
        currency: this.config.CURRENCY,
        card,
        reference: orderId,
        description: `${this.config.SLUG}: ${row.wanted} seat(s)`,
      });
    } catch (error) {
      await this.markRetryable(buyerId, idempotencyKey);
      throw error;
    }
    if (outcome.kind === 'declined') {
      return finish(refusal(ErrorCode.PAYMENT_DECLINED, `${outcome.detail} The hold stays until it expires.`, 'PAYMENT_DECLINED', {
        declineCode: outcome.declineCode,
      }));
    }

    const payment = outcome.payment;
    const created = await withTransaction(this.pool, (client) => this.convert(client, buyerId, idempotencyKey, orderId, holdId, payment.id, amount));
    if (typeof created === 'object') return created;
    // The hold expired while the card was charged, or the attempt was given up: give the money back.
    try {
      await this.payments.refund(`order-refund:${orderId}`, payment.id, payment.amount);
    } catch (error) {
      await this.markRetryable(buyerId, idempotencyKey); // the reconciler will refund it
      throw error;
    }
    if (created === 'abandoned') {
      throw new DomainError(ErrorCode.CONFLICT, 'This attempt took too long and was cancelled; the charge was refunded. Use a new key.', {
        reason: 'IDEMPOTENCY_KEY_EXPIRED',
      });
    }
    return finish(refusal(ErrorCode.GONE, 'The hold expired during payment; the charge was refunded.', 'HOLD_EXPIRED'));
  }

  /**
   * Turns the hold into an order and tickets, unless the hold is no longer live ('expired') or
   * the reconciler gave this attempt up meanwhile ('abandoned'). The request row stays locked
   * until commit, so the reconciler cannot give it up half-way.
   */
  private async convert(
    client: PoolClient,
    buyerId: string,
    key: string,
    orderId: string,
    holdId: string,
    paymentId: string,
    amount: number,
  ): Promise<OrderResponse | 'expired' | 'abandoned'> {
    const request = await client.query<{ status: string }>(
      'select status from order_requests where buyer_id = $1 and idempotency_key = $2 for update',
      [buyerId, key],
    );
    if (request.rows[0]?.status !== 'pending') return 'abandoned';
    const converted = await client.query(
      `update holds set status = 'converted' where id = $1 and status = 'active' and expires_at > now() returning id`,
      [holdId],
    );
    if (!converted.rowCount) return 'expired';
    const sold = await client.query<{ id: string; price: number; section: string; row_label: string; number: number; grade: string }>(
      `update seats s set state = 'sold', order_id = $2, hold_id = null, hold_expires_at = null
       from (select id from seats where hold_id = $1 and state = 'held' order by id for update) locked
       where s.id = locked.id returning s.id, s.price, s.section, s.row_label, s.number, s.grade`,
      [holdId, orderId],
    );
    await client.query(
      `insert into orders (id, buyer_id, hold_id, amount, currency, status, payment_id) values ($1, $2, $3, $4, $5, 'paid', $6)`,
      [orderId, buyerId, holdId, amount, this.config.CURRENCY, paymentId],
    );
    const tickets = sold.rows
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((seat) => {
        const id = randomUUID();
        return { id, seat, code: this.codes.sign(id, seat.id) };
      });
    await client.query(
      `insert into tickets (id, order_id, seat_id, buyer_id, price, code, state)
       select t.id, $1, t.seat_id, $2, t.price, t.code, 'valid'
       from unnest($3::uuid[], $4::text[], $5::int[], $6::text[]) as t(id, seat_id, price, code)`,
      [orderId, buyerId, tickets.map((t) => t.id), tickets.map((t) => t.seat.id), tickets.map((t) => t.seat.price), tickets.map((t) => t.code)],
    );
    const performance = (await client.query<{ title: string; venue: string; starts_at: Date }>('select title, venue, starts_at from performance')).rows[0]!;
    const paidAt = new Date().toISOString();
    await writeOutbox(client, 'order.paid', {
      orderId,
      buyerId,
      title: performance.title,
      venue: performance.venue,
      startsAt: performance.starts_at.toISOString(),
      amount,
      currency: this.config.CURRENCY,
      paidAt,
      tickets: tickets.map((t) => ({
        id: t.id,
        seatId: t.seat.id,
        section: t.seat.section,
        row: t.seat.row_label,
        number: t.seat.number,
        grade: t.seat.grade,
        price: t.seat.price,
        code: t.code,
      })),
    });
    await notifySeats(client, sold.rows.map((s) => s.id), 'sold');
    const response: OrderResponse = {
      status: 201,
      body: {
        order: { id: orderId, status: 'paid', amount, currency: this.config.CURRENCY },
        tickets: tickets.map((t) => ({ id: t.id, seatId: t.seat.id, code: t.code })),
      },
    };
    await client.query(
      `update order_requests set status = 'done', response_status = $3, response_body = $4, updated_at = now()
       where buyer_id = $1 and idempotency_key = $2`,
      [buyerId, key, response.status, response.body],
    );
    return response;
  }

  /** Claims the key with one conditional write; a known key replays, or refuses a different request. */
  private async claim(buyerId: string, key: string, hash: string, holdId: string): Promise<ClaimedRequest | { replay: OrderResponse }> {
    return withTransaction(this.pool, async (client) => {
      const orderId = randomUUID();
      const inserted = await client.query(
        `insert into order_requests (buyer_id, idempotency_key, request_hash, order_id, hold_id, status)
         values ($1, $2, $3, $4, $5, 'pending') on conflict do nothing`,
        [buyerId, key, hash, orderId, holdId],
      );
      if (inserted.rowCount) return { orderId };
      const { rows } = await client.query<{ request_hash: string; order_id: string; status: string; response_status: number; response_body: Record<string, unknown> }>(
        `select request_hash, order_id, status, response_status, response_body from order_requests
         where buyer_id = $1 and idempotency_key = $2 for update`,
        [buyerId, key],
      );
      const existing = rows[0]!;
      if (existing.request_hash !== hash) {
        throw new DomainError(ErrorCode.CONFLICT, 'This Idempotency-Key was used for a different request.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
      }
      if (existing.status === 'done') return { replay: { status: existing.response_status, body: existing.response_body, replayed: true } };
      if (existing.status === 'pending') {
        throw new DomainError(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still in progress.', { reason: 'REQUEST_IN_PROGRESS' });
      }
      if (existing.status === 'abandoned') {
        throw new DomainError(ErrorCode.CONFLICT, 'This Idempotency-Key expired after a failure; any charge was refunded. Use a new key.', {
          reason: 'IDEMPOTENCY_KEY_EXPIRED',
        });
      }
      await client.query(
        `update order_requests set status = 'pending', updated_at = now() where buyer_id = $1 and idempotency_key = $2`,
        [buyerId, key],
      );
      return { orderId: existing.order_id };
    });
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
