import { conflict, notFound, withTransaction, type Pool, type Queryable } from '@clove/kit';
import type { TicketingConfig } from '../config.js';
import { writeOutbox } from '../outbox/outbox.js';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';
import { findPerformance, gradeCounts, insertSeats, tallyGrades, type GradeCount, type PerformanceRow } from './performance.repository.js';
import type { GradeCountsCache, PerformanceCache } from './performance.cache.js';
import type { ApplyBody, EventView, ModifyBody } from './performance.schemas.js';
import { checkTimes, expandSeatMap, type SeatSpec } from './seat-map.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** R23, R24, R28: the performance's information and seat map. */
export class PerformanceService {
  constructor(
    private readonly pool: Pool,
    private readonly config: TicketingConfig,
    private readonly cache: PerformanceCache,
    private readonly grades: GradeCountsCache,
    private readonly announcer: SeatAnnouncer,
  ) {}

  /**
   * R28 for everyone, from the cached row and counts: the seats remaining are at most a second
   * old. A change made through this instance shows at once; one made through another instance of
   * the same performance, within a second.
   */
  async details(): Promise<EventView> {
    const [row, grades] = await Promise.all([this.cache.get(), this.grades.get()]);
    return this.toView(row, grades);
  }

  async apply(body: ApplyBody): Promise<EventView> {
    const saleOpensAt = body.saleOpensAt ?? openingFromSettings(this.config.SALE_OPENS_AT);
    checkTimes({ startsAt: body.startsAt, endsAt: body.endsAt, saleOpensAt });
    const seats = expandSeatMap(body.seatMap);
    await withTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `insert into performance (title, description, performers, venue, starts_at, ends_at, sale_opens_at, currency)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
        [body.title, body.description ?? '', body.performers ?? [], body.venue, body.startsAt, body.endsAt, saleOpensAt, this.config.CURRENCY],
      );
      if (!rowCount) throw conflict('The performance is already registered; modify it instead.', 'PERFORMANCE_EXISTS');
      await insertSeats(client, seats);
      await tallyGrades(client);
      await this.publishSnapshot(client);
    });
    this.cache.forget();
    this.grades.forget();
    return this.view();
  }

  async modify(body: ModifyBody): Promise<EventView> {
    const removed = await withTransaction(this.pool, async (client) => {
      const current = await client.query<PerformanceRow>('select * from performance for update');
      const row = current.rows[0];
      if (!row) throw notFound('The performance is not registered yet.', 'PERFORMANCE_NOT_FOUND');
      const next = {
        title: body.title ?? row.title,
        description: body.description ?? row.description,
        performers: body.performers ?? row.performers,
        venue: body.venue ?? row.venue,
        startsAt: body.startsAt ?? row.starts_at.toISOString(),
        endsAt: body.endsAt ?? row.ends_at.toISOString(),
        saleOpensAt: body.saleOpensAt === undefined ? iso(row.sale_opens_at) : body.saleOpensAt,
      };
      checkTimes(next, row.starts_at);
      const removedSeats = body.seatMap ? await replaceSeatMap(client, expandSeatMap(body.seatMap)) : [];
      if (body.seatMap) await tallyGrades(client);
      await client.query(
        `update performance set title = $1, description = $2, performers = $3, venue = $4, starts_at = $5,
           ends_at = $6, sale_opens_at = $7, version = version + 1, updated_at = now()`,
        [next.title, next.description, next.performers, next.venue, next.startsAt, next.endsAt, next.saleOpensAt],
      );
      await this.publishSnapshot(client);
      return removedSeats;
    });
    this.cache.forget();
    this.grades.forget();
    this.announcer.announce(removed, 'removed');
    return this.view();
  }

  /** The details as they are now, read through `db` (inside a change, its transaction). */
  async view(db: Queryable = this.pool): Promise<EventView> {
    const row = await findPerformance(db);
    return this.toView(row, row ? await gradeCounts(db) : []);
  }

  private toView(row: PerformanceRow | null, grades: GradeCount[]): EventView {
    if (!row) throw notFound('The performance is not registered yet.', 'PERFORMANCE_NOT_FOUND');
    return {
      slug: this.config.SLUG,
      title: row.title,
      description: row.description,
      performers: row.performers,
      venue: row.venue,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      saleOpensAt: iso(row.sale_opens_at),
      currency: row.currency,
      totalSeats: grades.reduce((sum, g) => sum + g.total, 0),
      remaining: grades.reduce((sum, g) => sum + g.remaining, 0),
      lowestPrice: grades.length ? Math.min(...grades.map((g) => g.price)) : null,
      grades,
      maxSeatsPerBuyer: this.config.MAX_SEATS_PER_BUYER,
      holdSeconds: this.config.HOLD_SECONDS,
      version: row.version,
    };
  }

  /** R39: the catalog's copy of the performance. */
  private async publishSnapshot(db: Queryable): Promise<void> {
    const view = await this.view(db);
    await writeOutbox(db, 'event.updated', {
      title: view.title,
      venue: view.venue,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      saleOpensAt: view.saleOpensAt,
      lowestPrice: view.lowestPrice,
      currency: view.currency,
      remaining: view.remaining,
      totalSeats: view.totalSeats,
      url: `/e/${this.config.SLUG}/`,
    });
  }
}

/**
 * The deployment's sale opening, for a performance registered without one of its own. One
 * already past (a template's "open at once", or a deployment made a while ago) means the sale is
 * simply open: stored as none, so no page shows a date such as 1970 or a moment long gone.
 */
function openingFromSettings(configured: string | undefined): string | null {
  return configured && Date.parse(configured) > Date.now() ? configured : null;
}

/**
 * R24: a new seat map may add seats, remove free ones, change grades of free ones, reprice any
 * seat and put the sections in another order. Removing a sold seat or one under a live hold, or
 * moving it to another grade, is refused with the seats named. A sold seat's ticket keeps the
 * price paid; a held seat's holder pays the price it had when held (held_prices, migration 0018).
 */
async function replaceSeatMap(db: Queryable, wanted: SeatSpec[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string; grade: string; price: number; live_hold: string | null; in_use: boolean }>(
    `select id, grade, price, case when state = 'held' and hold_expires_at > now() then hold_id end as live_hold,
            (state = 'sold' or (state = 'held' and hold_expires_at > now())) as in_use
     from seats order by id for update`,
  );
  const wantedById = new Map(wanted.map((s) => [s.id, s]));
  const existing = new Set(rows.map((r) => r.id));
  const removed = rows.filter((r) => !wantedById.has(r.id));
  const changed = rows.filter((r) => {
    const next = wantedById.get(r.id);
    return next && (next.grade !== r.grade || next.price !== r.price);
  });
  const regraded = changed.filter((r) => wantedById.get(r.id)!.grade !== r.grade);
  const blocked = [...removed, ...regraded].filter((r) => r.in_use).map((r) => r.id).sort();
  if (blocked.length) {
    throw conflict(
      `The new seat map would remove seats that are sold or held, or move them to another grade: ${blocked.slice(0, 20).join(', ')}${blocked.length > 20 ? ', …' : ''}.`,
      'SEATS_IN_USE',
      { seats: blocked },
    );
  }
  await keepHeldPrices(db, changed.filter((r) => r.live_hold !== null).map((r) => ({ ...r, next: wantedById.get(r.id)!.price })));
  if (removed.length) {
    const ids = removed.map((r) => r.id);
    await db.query('delete from seats where id = any($1)', [ids]);
  }
  if (changed.length) {
    const next = changed.map((r) => wantedById.get(r.id)!);
    await db.query(
      `update seats s set grade = c.grade, price = c.price
       from unnest($1::text[], $2::text[], $3::int[]) as c(id, grade, price) where s.id = c.id`,
      [next.map((n) => n.id), next.map((n) => n.grade), next.map((n) => n.price)],
    );
  }
  // A new order of the sections touches no ticket: sold and held seats move with their section.
  const positions = new Map(wanted.map((s) => [s.section, s.sectionPosition]));
  await db.query(
    `update seats s set section_position = p.position
     from unnest($1::text[], $2::int[]) as p(section, position)
     where s.section = p.section and s.section_position <> p.position`,
    [[...positions.keys()], [...positions.values()]],
  );
  await insertSeats(db, wanted.filter((s) => !existing.has(s.id)));
  return removed.map((r) => r.id);
}

/**
 * Keeps what the holders of repriced seats pay: the price the seat had when held, or a lower one
 * the seller set since. Forgets it for holds that have ended.
 */
async function keepHeldPrices(db: Queryable, held: Array<{ id: string; price: number; next: number; live_hold: string | null }>): Promise<void> {
  await db.query(
    `delete from held_prices hp where not exists (
       select 1 from seats s where s.id = hp.seat_id and s.hold_id = hp.hold_id and s.state = 'held' and s.hold_expires_at > now())`,
  );
  if (!held.length) return;
  await db.query(
    `insert into held_prices (hold_id, seat_id, price)
     select * from unnest($1::uuid[], $2::text[], $3::int[])
     on conflict (hold_id, seat_id) do update set price = least(held_prices.price, excluded.price)`,
    [held.map((r) => r.live_hold), held.map((r) => r.id), held.map((r) => Math.min(r.price, r.next))],
  );
}
