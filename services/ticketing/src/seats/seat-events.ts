import type { Queryable } from '@clove/kit';

export const SEAT_CHANNEL = 'clove_seats';
export type SeatState = 'available' | 'held' | 'sold';
/** What a live seat-map stream announces; `removed` when a seller takes a seat off the map. */
export type SeatChangeState = SeatState | 'removed';

/** NOTIFY payloads are limited to 8000 bytes; changes go out in chunks that fit. */
const CHUNK = 200;

/**
 * Announces seat changes to every instance (delivered when the transaction commits, never if
 * it rolls back); each instance forwards them to its live seat-map streams (R29).
 */
export async function notifySeats(db: Queryable, ids: string[], state: SeatChangeState): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.query('select pg_notify($1, $2)', [SEAT_CHANNEL, JSON.stringify({ state, ids: ids.slice(i, i + CHUNK) })]);
  }
}

/** A seat's state as buyers must see it: a held seat whose hold expired is available. */
export const EFFECTIVE_STATE_SQL =
  "case when state = 'held' and hold_expires_at <= now() then 'available' else state end";
