import { CallBatcher, type Pool } from '@clove/kit';

export interface HoldRequest {
  buyerId: string;
  seatIds: string[];
  holdId: string;
  expiresAt: Date;
  max: number;
}

export type HoldOutcome =
  | { outcome: 'held'; released: string[] }
  | { outcome: 'taken'; seats: string[] }
  | { outcome: 'unknown'; seats: string[] }
  | { outcome: 'limit'; owned: number };

/** Holds sent in one call at most; each is a subtransaction, and 64 fit in a backend's cache. */
const MAX_BATCH = 32;

const ONE = 'select hold_seats($1, $2, $3, $4, $5) as result';
const MANY = 'select hold_seats_batch($1::jsonb) as result';

/**
 * Runs the holds that arrive while one call is under way together in the next one: the
 * database function hold_seats_batch (migration 0006) runs hold_seats once per hold, in
 * arrival order, in one transaction (one round trip, one commit). Each hold still takes its
 * seats by hold_seats' one conditional UPDATE, and a refused hold changes nothing. Each batch
 * first locks the free seats it asks for in id order, so the batches of several replicas that
 * want the same seats wait for each other instead of deadlocking; a batch that deadlocks all
 * the same runs its holds again one by one (CallBatcher).
 *
 * One call at a time per service: two batches can still deadlock (over a seat freed after one
 * of them took its first locks, or over a buyer's previous hold), and PostgreSQL notices only
 * after deadlock_timeout (1 s). Measured with two at a time: the same throughput, and in one of
 * three hold-only runs a hold p99 of 1 s.
 */
export class HoldBatcher {
  private readonly batcher: CallBatcher<HoldRequest, HoldOutcome>;

  constructor(private readonly pool: Pool) {
    this.batcher = new CallBatcher({ one: (r) => this.one(r), many: (rs) => this.many(rs) }, MAX_BATCH);
  }

  /** Database calls made. */
  get counts(): { calls: number } {
    return this.batcher.counts;
  }

  hold(request: HoldRequest): Promise<HoldOutcome> {
    return this.batcher.call(request);
  }

  private async one(r: HoldRequest): Promise<HoldOutcome> {
    const { rows } = await this.pool.query<{ result: HoldOutcome }>(ONE, [r.buyerId, r.seatIds, r.holdId, r.expiresAt, r.max]);
    return rows[0]!.result;
  }

  private async many(requests: HoldRequest[]): Promise<HoldOutcome[]> {
    const rows = requests.map((r) => ({ buyer: r.buyerId, seats: r.seatIds, hold: r.holdId, expires: r.expiresAt.toISOString(), max: r.max }));
    const result = await this.pool.query<{ result: HoldOutcome }>(MANY, [JSON.stringify(rows)]);
    return result.rows.map((row) => row.result);
  }
}
