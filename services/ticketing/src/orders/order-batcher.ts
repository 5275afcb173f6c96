import { batchItem, BatchItemError, CallBatcher, togetherOrOneByOne, type Pool } from '@clove/kit';
import type { SeatSpec } from '../performance/seat-map.js';

/** A seat under the hold being paid, as begin_order reads it. */
export type HeldSeat = Omit<SeatSpec, 'sectionPosition'>;

export interface BeginRequest {
  buyerId: string;
  key: string;
  hash: string;
  holdId: string;
  orderId: string;
}

export type BeginOutcome =
  | { outcome: 'replay'; status: number; body: Record<string, unknown> }
  | { outcome: 'reused' | 'in_progress' | 'abandoned' }
  | { outcome: 'hold_not_found' | 'not_your_hold' | 'hold_expired'; orderId: string }
  | { outcome: 'charge'; orderId: string; seats: HeldSeat[] };

export interface FinishRequest {
  buyerId: string;
  key: string;
  orderId: string;
  holdId: string;
  paymentId: string;
  amount: number;
  currency: string;
  tickets: Array<{ id: string; seatId: string; price: number; code: string }>;
  /** The stored answer to the request, replayed on retries. */
  response: Record<string, unknown>;
  eventId: string;
  /** The order.paid event's payload, written to the outbox. */
  event: Record<string, unknown>;
}

export type FinishResult = 'paid' | 'expired' | 'abandoned';

/** Orders sent in one call at most; each is a subtransaction, and 64 fit in a backend's cache. */
const MAX_BATCH = 32;

/**
 * The two database calls of paying a hold, each batched (CallBatcher; migration 0008): the
 * begin_order calls that arrive together run in one call and one commit, and so do the
 * finish_order calls. Orders touch rows of their own, so a batch is as if each ran alone.
 * A batch runs together, one statement per step for all its orders (begin_orders, migration
 * 0013; finish_orders, migration 0011); if that fails, order by order (begin_order_batch,
 * finish_order_batch), so an order that cannot be begun or finished fails alone.
 */
export class OrderBatcher {
  private readonly begins: CallBatcher<BeginRequest, BeginOutcome>;
  private readonly finishes: CallBatcher<FinishRequest, FinishResult>;
  /** Batches that ran order by order after begin_orders or finish_orders failed. */
  private begunOneByOne = 0;
  private finishedOneByOne = 0;

  constructor(private readonly pool: Pool) {
    this.begins = new CallBatcher({ one: (r) => this.beginOne(r), many: (rs) => this.beginMany(rs) }, MAX_BATCH);
    this.finishes = new CallBatcher({ one: (r) => this.finishOne(r), many: (rs) => this.finishMany(rs) }, MAX_BATCH);
  }

  /** Database calls made by begin and finish (a batch run again order by order counts once), and those batches. */
  get calls(): { begin: number; finish: number; beginOrderByOrder: number; finishOrderByOrder: number } {
    return {
      begin: this.begins.counts.calls,
      finish: this.finishes.counts.calls,
      beginOrderByOrder: this.begunOneByOne,
      finishOrderByOrder: this.finishedOneByOne,
    };
  }

  /** Claims the Idempotency-Key (one conditional write) and reads the hold. */
  begin(request: BeginRequest): Promise<BeginOutcome> {
    return this.begins.call(request);
  }

  /** Turns the hold into an order, tickets and the order.paid event, unless it is no longer live or the attempt was given up. */
  finish(request: FinishRequest): Promise<FinishResult> {
    return this.finishes.call(request);
  }

  private async beginOne(r: BeginRequest): Promise<BeginOutcome> {
    const { rows } = await this.pool.query<{ result: BeginOutcome }>('select begin_order($1, $2, $3, $4, $5) as result', [
      r.buyerId,
      r.key,
      r.hash,
      r.holdId,
      r.orderId,
    ]);
    return rows[0]!.result;
  }

  private async beginMany(requests: BeginRequest[]): Promise<Array<BeginOutcome | BatchItemError>> {
    const rows = JSON.stringify(requests.map((r) => ({ buyer: r.buyerId, key: r.key, hash: r.hash, hold: r.holdId, order: r.orderId })));
    return togetherOrOneByOne(
      async () => (await this.pool.query<{ result: BeginOutcome }>('select begin_orders($1::jsonb) as result', [rows])).rows.map((row) => row.result),
      async () => {
        this.begunOneByOne += 1;
        const result = await this.pool.query<{ result: unknown }>('select begin_order_batch($1::jsonb) as result', [rows]);
        return result.rows.map((row) => batchItem<BeginOutcome>(row.result));
      },
    );
  }

  private async finishOne(r: FinishRequest): Promise<FinishResult> {
    const { rows } = await this.pool.query<{ result: FinishResult }>(
      'select finish_order($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) as result',
      [
        r.buyerId,
        r.key,
        r.orderId,
        r.holdId,
        r.paymentId,
        r.amount,
        r.currency,
        r.tickets.map((t) => t.id),
        r.tickets.map((t) => t.seatId),
        r.tickets.map((t) => t.price),
        r.tickets.map((t) => t.code),
        r.response,
        r.eventId,
        r.event,
      ],
    );
    return rows[0]!.result;
  }

  private async finishMany(requests: FinishRequest[]): Promise<Array<FinishResult | BatchItemError>> {
    // finish_orders refuses a batch whose orders share a request, an order id or a hold.
    if (sharesRows(requests)) return this.finishOrderByOrder(requests);
    const orders = JSON.stringify(requests.map(togetherRow));
    return togetherOrOneByOne(
      async () => (await this.pool.query<{ result: FinishResult }>('select finish_orders($1::jsonb) as result', [orders])).rows.map((row) => row.result),
      () => this.finishOrderByOrder(requests),
    );
  }

  private async finishOrderByOrder(requests: FinishRequest[]): Promise<Array<FinishResult | BatchItemError>> {
    this.finishedOneByOne += 1;
    const orders = requests.map((r) => ({
      ...orderRow(r),
      ticketIds: r.tickets.map((t) => t.id),
      seatIds: r.tickets.map((t) => t.seatId),
      prices: r.tickets.map((t) => t.price),
      codes: r.tickets.map((t) => t.code),
    }));
    const result = await this.pool.query<{ result: unknown }>('select finish_order_batch($1::jsonb) as result', [JSON.stringify(orders)]);
    return result.rows.map((row) => batchItem<FinishResult>(row.result));
  }
}

/** An order's fields that finish_orders and finish_order_batch read alike (they differ in how tickets come). */
function orderRow(r: FinishRequest) {
  return {
    buyer: r.buyerId,
    key: r.key,
    order: r.orderId,
    hold: r.holdId,
    payment: r.paymentId,
    amount: r.amount,
    currency: r.currency,
    response: r.response,
    eventId: r.eventId,
    event: r.event,
  };
}

/** One order as finish_orders reads it. */
function togetherRow(r: FinishRequest) {
  return { ...orderRow(r), tickets: r.tickets.map((t) => ({ id: t.id, seat: t.seatId, price: t.price, code: t.code })) };
}

/** Whether two of the orders share a request, an order id or a hold: finish_orders refuses such a batch. */
function sharesRows(requests: FinishRequest[]): boolean {
  const seen = new Set<string>();
  for (const r of requests) {
    for (const key of [`r:${r.buyerId}:${r.key}`, `o:${r.orderId}`, `h:${r.holdId}`]) {
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}
