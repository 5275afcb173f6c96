import { randomUUID } from 'node:crypto';
import { conflict, DomainError, ErrorCode, invalid, notAllowed, notFound, type Pool } from '@clove/kit';
import type { TicketingConfig } from '../config.js';
import type { PerformanceCache } from '../performance/performance.cache.js';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';
import { HoldBatcher } from './hold-batcher.js';
import type { Hold, LiveHold } from './holds.schemas.js';
import { ReleaseBatcher, type ReleaseOutcome } from './release-batcher.js';

/** Why release_hold turned a release down, as the buyer hears it. */
const RELEASE_REFUSED: Record<Exclude<ReleaseOutcome['outcome'], 'released'>, () => DomainError> = {
  not_found: () => notFound('No such hold.', 'HOLD_NOT_FOUND'),
  not_yours: () => notAllowed('This hold belongs to another buyer.', 'NOT_YOUR_HOLD'),
  not_active: () => new DomainError(ErrorCode.GONE, 'The hold is no longer active.', { reason: 'HOLD_NOT_ACTIVE' }),
};

/** R30, R31: holding seats. */
export class HoldService {
  private readonly batcher: HoldBatcher;
  private readonly releases: ReleaseBatcher;

  constructor(
    private readonly pool: Pool,
    private readonly config: TicketingConfig,
    private readonly performances: PerformanceCache,
    private readonly announcer: SeatAnnouncer,
  ) {
    this.batcher = new HoldBatcher(pool);
    this.releases = new ReleaseBatcher(pool);
  }

  /**
   * Holds the seats for the buyer, replacing the buyer's previous hold atomically, by the
   * database function hold_seats (migrations 0002–0005), or with the holds that arrive at the
   * same time by hold_seats_together (migration 0012; see HoldBatcher): taking a seat is one conditional UPDATE
   * (available, or held under an expired hold); if any seat is not taken, nothing changes,
   * the previous hold included, and the caller learns which seats were taken.
   */
  async hold(buyerId: string, seatIds: string[]): Promise<Hold> {
    const max = this.config.MAX_SEATS_PER_BUYER;
    if (seatIds.length > max) {
      throw invalid(`At most ${max} seats can be held at once.`, [{ path: '/body/seatIds', message: `has more than ${max} seats` }], 'TOO_MANY_SEATS');
    }
    const performance = await this.performances.get();
    if (!performance) throw notFound('The performance is not registered yet.', 'PERFORMANCE_NOT_FOUND');
    if (performance.sale_opens_at && performance.sale_opens_at.getTime() > Date.now()) {
      const opensAt = performance.sale_opens_at.toISOString();
      throw new DomainError(ErrorCode.NOT_ALLOWED, `The sale opens at ${opensAt}.`, { reason: 'SALE_NOT_OPEN', extra: { opensAt } });
    }
    if (performance.starts_at.getTime() <= Date.now()) throw notAllowed('The performance has started; the sale is closed.', 'SALE_CLOSED');

    const holdId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.HOLD_SECONDS * 1000);
    const outcome = await this.batcher.hold({ buyerId, seatIds, holdId, expiresAt, max });
    if (outcome.outcome === 'unknown') {
      throw new DomainError(ErrorCode.INVALID, `No such seats: ${outcome.seats.join(', ')}.`, { reason: 'UNKNOWN_SEATS', extra: { seats: outcome.seats } });
    }
    if (outcome.outcome === 'taken') {
      throw conflict(`These seats are already taken: ${outcome.seats.join(', ')}.`, 'SEATS_TAKEN', { seats: outcome.seats });
    }
    if (outcome.outcome === 'limit') {
      throw conflict(`A buyer may have at most ${max} seats for this performance; you have ${outcome.owned}.`, 'SEAT_LIMIT_REACHED');
    }
    this.announcer.announce(outcome.released, 'available');
    this.announcer.announce(seatIds, 'held');
    return { holdId, seatIds, expiresAt: expiresAt.toISOString() };
  }

  /** The buyer's live hold with its seats at the prices it is paid at, if any: a page reloaded during checkout carries on with it. */
  async current(buyerId: string): Promise<LiveHold | null> {
    const { rows } = await this.pool.query<{ id: string; seat_ids: string[]; expires_at: Date; seats: LiveHold['seats'] }>(
      `select h.id, h.seat_ids, h.expires_at,
              json_agg(json_build_object('id', s.id, 'section', s.section, 'row', s.row_label, 'number', s.number,
                                         'grade', s.grade, 'price', coalesce(hp.price, s.price)) order by array_position(h.seat_ids, s.id)) as seats
       from holds h join seats s on s.id = any (h.seat_ids)
       left join held_prices hp on hp.hold_id = h.id and hp.seat_id = s.id
       where h.buyer_id = $1 and h.status = 'active' and h.expires_at > now()
       group by h.id`,
      [buyerId],
    );
    const live = rows[0];
    return live ? { holdId: live.id, seatIds: live.seat_ids, expiresAt: live.expires_at.toISOString(), seats: live.seats } : null;
  }

  /** Lets go of a hold before it expires (release_hold, run together with the releases that arrive at the same time). */
  async release(buyerId: string, holdId: string): Promise<void> {
    const released = await this.releases.release({ buyerId, holdId });
    if (released.outcome !== 'released') throw RELEASE_REFUSED[released.outcome]();
    this.announcer.announce(released.seats, 'available');
  }
}
