import type { Pool } from '@clove/kit';
import { sharedReads } from './shared-reads.js';

export type SeatRow = { id: string; section: string; row: string; number: number; grade: string; price: number; state: 'available' | 'held' | 'sold' };

/**
 * The quick list: the first available seats, best first, straight from the partial index.
 * Seats under an expired hold join it when the sweeper releases them (within a second).
 */
async function availableSeats(pool: Pick<Pool, 'query'>, grade: string | null, limit: number): Promise<SeatRow[]> {
  // Named: read by every buyer, it is prepared once per connection instead of planned each time.
  const { rows } = await pool.query<SeatRow>({
    name: 'seats.quick-list',
    text: `select id, section, row_label as row, number, grade, price, 'available' as state from seats
     where state = 'available' and ($1::text is null or grade = $1)
     order by section_position, length(row_label), row_label, number limit $2`,
    values: [grade, limit],
  });
  return rows;
}

/** A quick list as read, and as JSON: written once per read for every request that shares it. */
export interface QuickList {
  seats: SeatRow[];
  json: string;
}

/**
 * The quick list, read once for all the requests that ask for the same list while a read of it is
 * under way (see sharedReads).
 */
export function sharedQuickList(pool: Pick<Pool, 'query'>) {
  return sharedReads(
    (grade: string | null, limit: number) => `${limit}:${grade ?? ''}`,
    async (grade: string | null, limit: number): Promise<QuickList> => {
      const seats = await availableSeats(pool, grade, limit);
      return { seats, json: JSON.stringify(seats) };
    },
  );
}
