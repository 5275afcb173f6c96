import { createPool, type Pool } from '@clove/kit';
import { noteLatest, SEAT_CHANNEL, type SeatChangeState } from './seat-events.js';

/** NOTIFY payloads are limited to 8000 bytes; changes go out in chunks that fit. */
const MAX_PAYLOAD_BYTES = 7000;

/**
 * R29: tells every instance's live seat maps which seats changed, once the change has committed.
 *
 * A NOTIFY inside the change's own transaction would hold PostgreSQL's one notification lock
 * through that transaction's commit, so every hold and sale would commit one after another.
 * Instead changes are gathered while a send is under way and go out together, each seat with
 * its latest state, in one statement on a connection of its own whose commits do not wait for
 * the disk. A crash may lose the last few milliseconds of announcements (never a change): a
 * seat map that reconnects reloads anyway.
 */
export class SeatAnnouncer {
  private pending = new Map<string, SeatChangeState>();
  private sending: Promise<void> | null = null;
  private readonly pool: Pool;

  constructor(databaseUrl: string, private readonly onError: (error: unknown) => void) {
    this.pool = createPool({ connectionString: databaseUrl, max: 1, applicationName: 'seat-announcer', settings: { synchronous_commit: 'off' } });
  }

  announce(ids: readonly string[], state: SeatChangeState): void {
    if (ids.length === 0) return;
    noteLatest(this.pending, ids, state);
    this.sending ??= this.sendAll();
  }

  /** Sends what is left, then closes the connection. */
  async stop(): Promise<void> {
    while (this.sending) await this.sending;
    await this.pool.end();
  }

  private async sendAll(): Promise<void> {
    // Let the changes committed in this turn of the event loop join the first send.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      await this.send(batch).catch(this.onError);
    }
    this.sending = null;
  }

  private async send(batch: Map<string, SeatChangeState>): Promise<void> {
    const payloads = announcementPayloads(batch);
    await this.pool.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [SEAT_CHANNEL, payloads]);
  }
}

/** The NOTIFY payloads of a batch: `{state, ids}` per state, split so that each fits. */
export function announcementPayloads(batch: ReadonlyMap<string, SeatChangeState>): string[] {
  const byState = new Map<SeatChangeState, string[]>();
  for (const [id, state] of batch) (byState.get(state) ?? byState.set(state, []).get(state)!).push(id);
  const payloads: string[] = [];
  for (const [state, ids] of byState) {
    let chunk: string[] = [];
    let bytes = 0;
    for (const id of ids) {
      const size = Buffer.byteLength(JSON.stringify(id)) + 1; // as written in the payload, with its comma
      if (chunk.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
        payloads.push(JSON.stringify({ state, ids: chunk }));
        [chunk, bytes] = [[], 0];
      }
      chunk.push(id);
      bytes += size;
    }
    payloads.push(JSON.stringify({ state, ids: chunk }));
  }
  return payloads;
}
