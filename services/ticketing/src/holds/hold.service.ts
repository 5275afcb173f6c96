import { randomUUID } from 'node:crypto';
import { conflict, DomainError, ErrorCode, invalid, notAllowed, notFound, withTransaction, type Pool } from '@clove/kit';
import type { TicketingConfig } from '../config.js';
import { findPerformance } from '../performance/performance.repository.js';
import { notifySeats } from '../seats/seat-events.js';

export interface Hold {
  holdId: string;
  seatIds: string[];
  expiresAt: string;
}

/** R30, R31: holding seats. */
export class HoldService {
  constructor(private readonly pool: Pool, private readonly config: TicketingConfig) {}

  /**
   * Holds the seats for the buyer, replacing the buyer's previous hold atomically. Taking a
   * seat is one conditional UPDATE (available, or held under an expired hold); if any seat is
   * not taken the whole transaction rolls back, the previous hold included, and the caller
   * learns which seats were taken.
   */
  async hold(buyerId: string, seatIds: string[]): Promise<Hold> {
    const max = this.config.MAX_SEATS_PER_BUYER;
    if (seatIds.length > max) {
      throw invalid(`At most ${max} seats can be held at once.`, [{ path: '/body/seatIds', message: `has more than ${max} seats` }], 'TOO_MANY_SEATS');
    }
    const performance = await findPerformance(this.pool);
    if (!performance) throw notFound('The performance is not registered yet.', 'PERFORMANCE_NOT_FOUND');
    if (performance.sale_opens_at && performance.sale_opens_at.getTime() > Date.now()) {
      const opensAt = performance.sale_opens_at.toISOString();
      throw new DomainError(ErrorCode.NOT_ALLOWED, `The sale opens at ${opensAt}.`, { reason: 'SALE_NOT_OPEN', extra: { opensAt } });
    }
    if (performance.starts_at.getTime() <= Date.now()) throw notAllowed('The performance has started; the sale is closed.', 'SALE_CLOSED');

    const known = await this.pool.query<{ id: string }>('select id from seats where id = any($1)', [seatIds]);
    if (known.rowCount !== seatIds.length) {
      const found = new Set(known.rows.map((r) => r.id));
      const unknown = seatIds.filter((id) => !found.has(id));
      throw new DomainError(ErrorCode.INVALID, `No such seats: ${unknown.join(', ')}.`, { reason: 'UNKNOWN_SEATS', extra: { seats: unknown } });
    }

    const holdId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.HOLD_SECONDS * 1000);
    await withTransaction(this.pool, async (client) => {
      // One buyer's holds run one at a time, so "one active hold per buyer" needs no retry.
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [buyerId]);
      const owned = await client.query<{ n: string }>(
        `select count(*) as n from tickets where buyer_id = $1 and state <> 'refunded'`,
        [buyerId],
      );
      if (Number(owned.rows[0]!.n) + seatIds.length > max) {
        throw conflict(`A buyer may have at most ${max} seats for this performance; you have ${owned.rows[0]!.n}.`, 'SEAT_LIMIT_REACHED');
      }
      const previous = await client.query<{ id: string }>(
        `update holds set status = 'released' where buyer_id = $1 and status = 'active' returning id`,
        [buyerId],
      );
      let released: string[] = [];
      if (previous.rows[0]) {
        const freed = await client.query<{ id: string }>(
          `update seats set state = 'available', hold_id = null, hold_expires_at = null
           where hold_id = $1 and state = 'held' returning id`,
          [previous.rows[0].id],
        );
        released = freed.rows.map((r) => r.id);
      }
      const taken = await client.query<{ id: string }>(
        `update seats s set state = 'held', hold_id = $2, hold_expires_at = $3
         from (select id from seats where id = any($1) order by id for update) locked
         where s.id = locked.id
           and (s.state = 'available' or (s.state = 'held' and s.hold_expires_at <= now()))
         returning s.id`,
        [seatIds, holdId, expiresAt],
      );
      if (taken.rowCount !== seatIds.length) {
        const got = new Set(taken.rows.map((r) => r.id));
        const lost = seatIds.filter((id) => !got.has(id)).sort();
        throw conflict(`These seats are already taken: ${lost.join(', ')}.`, 'SEATS_TAKEN', { seats: lost });
      }
      await client.query(`insert into holds (id, buyer_id, seat_ids, expires_at, status) values ($1, $2, $3, $4, 'active')`, [
        holdId,
        buyerId,
        seatIds,
        expiresAt,
      ]);
      const stillMine = new Set(seatIds);
      await notifySeats(client, released.filter((id) => !stillMine.has(id)), 'available');
      await notifySeats(client, seatIds, 'held');
    });
    return { holdId, seatIds, expiresAt: expiresAt.toISOString() };
  }

  /** Lets go of a hold before it expires. */
  async release(buyerId: string, holdId: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ buyer_id: string; status: string }>('select buyer_id, status from holds where id = $1 for update', [holdId]);
      const hold = rows[0];
      if (!hold) throw notFound('No such hold.', 'HOLD_NOT_FOUND');
      if (hold.buyer_id !== buyerId) throw notAllowed('This hold belongs to another buyer.', 'NOT_YOUR_HOLD');
      if (hold.status !== 'active') throw new DomainError(ErrorCode.GONE, 'The hold is no longer active.', { reason: 'HOLD_NOT_ACTIVE' });
      await client.query(`update holds set status = 'released' where id = $1`, [holdId]);
      const freed = await client.query<{ id: string }>(
        `update seats set state = 'available', hold_id = null, hold_expires_at = null where hold_id = $1 and state = 'held' returning id`,
        [holdId],
      );
      await notifySeats(client, freed.rows.map((r) => r.id), 'available');
    });
  }
}
