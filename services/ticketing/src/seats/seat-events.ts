export const SEAT_CHANNEL = 'clove_seats';
export type SeatState = 'available' | 'held' | 'sold';
/** What a live seat-map stream announces; `removed` when a seller takes a seat off the map. */
export type SeatChangeState = SeatState | 'removed';

/** A seat's state as buyers must see it: a held seat whose hold expired is available. */
export const EFFECTIVE_STATE_SQL =
  "case when state = 'held' and hold_expires_at <= now() then 'available' else state end";

/** Records the seats' new state in a batch of changes, each seat once, in the order of its latest change. */
export function noteLatest(batch: Map<string, SeatChangeState>, ids: readonly string[], state: SeatChangeState): void {
  for (const id of ids) {
    batch.delete(id);
    batch.set(id, state);
  }
}
