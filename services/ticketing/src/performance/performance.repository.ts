import type { Queryable } from '@clove/kit';
import type { SeatSpec } from './seat-map.js';

export interface PerformanceRow {
  title: string;
  description: string;
  performers: string[];
  venue: string;
  starts_at: Date;
  ends_at: Date;
  sale_opens_at: Date | null;
  currency: string;
  version: number;
}

export async function findPerformance(db: Queryable): Promise<PerformanceRow | null> {
  const { rows } = await db.query<PerformanceRow>(
    'select title, description, performers, venue, starts_at, ends_at, sale_opens_at, currency, version from performance',
  );
  return rows[0] ?? null;
}

/** Inserts many seats in one statement. */
export async function insertSeats(db: Queryable, seats: SeatSpec[]): Promise<void> {
  const batch = 20_000;
  for (let i = 0; i < seats.length; i += batch) {
    const part = seats.slice(i, i + batch);
    await db.query(
      `insert into seats (id, section, row_label, number, grade, price)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[])`,
      [
        part.map((s) => s.id),
        part.map((s) => s.section),
        part.map((s) => s.row),
        part.map((s) => s.number),
        part.map((s) => s.grade),
        part.map((s) => s.price),
      ],
    );
  }
}

export interface GradeCount {
  grade: string;
  price: number;
  total: number;
  remaining: number;
}

export async function gradeCounts(db: Queryable): Promise<GradeCount[]> {
  const { rows } = await db.query<{ grade: string; price: number; total: string; remaining: string }>(
    `select grade, min(price) as price, count(*) as total,
            count(*) filter (where state = 'available' or (state = 'held' and hold_expires_at <= now())) as remaining
     from seats group by grade order by min(price) desc, grade`,
  );
  return rows.map((r) => ({ grade: r.grade, price: r.price, total: Number(r.total), remaining: Number(r.remaining) }));
}

/**
 * Seats left for sale (available, or held under an expired hold), counted from the partial
 * indexes of available seats and of hold expiries: half the work of a pass over every seat.
 */
export async function remainingSeats(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `select (select count(*) from seats where state = 'available')
          + (select count(*) from seats where state = 'held' and hold_expires_at <= now()) as n`,
  );
  return Number(rows[0]!.n);
}
