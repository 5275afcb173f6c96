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
      `insert into seats (id, section, section_position, row_label, number, grade, price)
       select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::int[])`,
      [
        part.map((s) => s.id),
        part.map((s) => s.section),
        part.map((s) => s.sectionPosition),
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

/**
 * Per grade: its seats, lowest price and seats left (available, or held under a hold that has
 * run out). Seats and sold seats are tallied (migration 0015); only the seats under running
 * holds are counted, through the partial index of hold expiries.
 */
export async function gradeCounts(db: Queryable): Promise<GradeCount[]> {
  const { rows } = await db.query<GradeCount>(
    `select g.grade, g.price, g.total, (g.total - coalesce(s.sold, 0) - coalesce(h.held, 0))::int as remaining
     from grade_seats g
     left join (select grade, sum(delta) as sold from sold_changes group by grade) s on s.grade = g.grade
     left join (select grade, count(*) as held from seats where state = 'held' and hold_expires_at > now() group by grade) h
       on h.grade = g.grade
     where g.total > 0
     order by g.price desc, g.grade`,
  );
  return rows;
}

/** Seats left for sale, in all (see gradeCounts). */
export async function remainingSeats(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select ((select coalesce(sum(total), 0) from grade_seats) - (select coalesce(sum(delta), 0) from sold_changes)
             - (select count(*) from seats where state = 'held' and hold_expires_at > now()))::int as n`,
  );
  return rows[0]!.n;
}

/** Counts every grade's seats, lowest price and sold seats again; after each write of the seat map. */
export async function tallyGrades(db: Queryable): Promise<void> {
  await db.query('select tally_grades()');
}

/**
 * Settles the sold-seat tally: folds its changes into one row per grade, so that counting stays
 * quick, or, with `recount`, replaces them with a count of the sold seats (migration 0015).
 */
export async function settleSoldChanges(db: Queryable, recount: boolean): Promise<void> {
  await db.query('select settle_sold_changes($1)', [recount]);
}
