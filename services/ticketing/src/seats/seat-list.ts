import { Type, type Static } from 'typebox';
import type { Pool } from '@clove/kit';
import { gradeCounts, type GradeCount } from '../performance/performance.repository.js';
import { EFFECTIVE_STATE_SQL } from './seat-events.js';
import { sharedReads } from './shared-reads.js';

export interface SeatFilter {
  state: string | null;
  grade: string | null;
  section: string | null;
  limit: number | null;
}

/** GET /seats's `remaining`: seats left per grade. */
export function remainingByGrade(grades: readonly GradeCount[]): Record<string, number> {
  return Object.fromEntries(grades.map((c) => [c.grade, c.remaining]));
}

/**
 * The seats, best first (sections in the order the seller registered them), as the JSON array
 * GET /seats answers, written by PostgreSQL: a large venue's map is megabytes, and turning tens
 * of thousands of rows into objects and back into JSON would hold the service's event loop for
 * a tenth of a second a read.
 */
async function seatsJson(pool: Pick<Pool, 'query'>, filter: SeatFilter): Promise<string> {
  const { rows } = await pool.query<{ seats: string }>({
    name: 'seats.list-json',
    // The lateral row is the seat as the API shows it, without the section's position.
    text: `select '[' || coalesce(string_agg(row_to_json(seat)::text, ',' order by s.position, length(s.row), s.row, s.number), '') || ']' as seats
     from (
       select id, section, position, row, number, grade, price, state from (
         select id, section, section_position as position, row_label as row, number, grade, price, ${EFFECTIVE_STATE_SQL} as state
         from seats where ($2::text is null or grade = $2) and ($4::text is null or section = $4)) f
       where ($1::text is null or state = $1)
       order by position, length(row), row, number limit $3) s,
     lateral (select s.id, s.section, s.row, s.number, s.grade, s.price, s.state) seat`,
    values: [filter.state, filter.grade, filter.limit, filter.section],
  });
  return rows[0]!.seats;
}

/**
 * GET /seats's body for a filter, read once (seats and counts) and written once for all the
 * requests that ask for it while the read is under way (a crowd opening the seat map).
 */
export function sharedSeatLists(pool: Pick<Pool, 'query'>) {
  return sharedReads(
    (filter: SeatFilter) => JSON.stringify([filter.state, filter.grade, filter.section, filter.limit]),
    async (filter: SeatFilter): Promise<Buffer> => {
      const [seats, grades] = await Promise.all([seatsJson(pool, filter), gradeCounts(pool)]);
      return Buffer.from(`{"seats":${seats},"remaining":${JSON.stringify(remainingByGrade(grades))}}`);
    },
  );
}

/** A section of the map: its seats, those still available, and its lowest price. */
export const SectionSummarySchema = Type.Object({
  name: Type.String(),
  seats: Type.Integer({ description: 'Seats in the section' }),
  available: Type.Integer({ description: 'Seats that can be held now' }),
  lowestPrice: Type.Integer({ description: 'The lowest price of its seats, in minor units' }),
});
export type SectionSummary = Static<typeof SectionSummarySchema>;

/**
 * GET /seats/sections: every section with its seats left, best first, so that a large venue's
 * page can show one section at a time. Read once for the requests that ask while it is read.
 */
export function sharedSectionSummaries(pool: Pick<Pool, 'query'>): () => Promise<SectionSummary[]> {
  return sharedReads(
    () => '',
    async () => {
      const { rows } = await pool.query<SectionSummary>({
        name: 'seats.sections',
        text: `select section as name, count(*)::int as seats,
           (count(*) filter (where ${EFFECTIVE_STATE_SQL} = 'available'))::int as available,
           min(price)::int as "lowestPrice"
         from seats group by section, section_position order by section_position`,
      });
      return rows;
    },
  );
}
