import { announcementPayloads } from './seat-announcer.js';
import { noteLatest, type SeatChangeState } from './seat-events.js';

/** An open seat map: an HTTP response, as far as the fan-out needs it. */
export interface SeatStream {
  write(chunk: Buffer): void;
  /** Bytes written to it and not yet sent. */
  readonly writableLength: number;
  /** Ends it; its owner unsubscribes it. */
  end(): void;
}

const STATES: ReadonlySet<string> = new Set<SeatChangeState>(['available', 'held', 'sold', 'removed']);

/** A NOTIFY payload's `{state, ids}`, or null if it is not one. */
function parseChange(payload: string): { state: SeatChangeState; ids: string[] } | null {
  try {
    const change = JSON.parse(payload) as { state?: unknown; ids?: unknown };
    if (typeof change.state !== 'string' || !STATES.has(change.state)) return null;
    if (!Array.isArray(change.ids) || !change.ids.every((id) => typeof id === 'string')) return null;
    return { state: change.state as SeatChangeState, ids: change.ids as string[] };
  } catch {
    return null;
  }
}

/**
 * R29: the seat changes for every open seat-map stream, gathered for `flushMs` and then written
 * to all of them at once, each seat in its latest state: bytes made once, one write per stream
 * per period. Written as they came, a busy sale's changes cost one write per stream each: with
 * two thousand maps open, that tripled the CPU of a hold. A stream with more than `maxBacklog`
 * bytes unsent (its reader stopped reading) is ended rather than left to grow in memory; a
 * browser reconnects and loads the map again.
 */
export class SeatFanOut {
  private readonly streams = new Set<SeatStream>();
  private pending = new Map<string, SeatChangeState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly flushMs: number, private readonly maxBacklog: number) {}

  /** A NOTIFY payload (`{state, ids}`); dropped while no stream is open. */
  add(payload: string): void {
    if (this.streams.size === 0) return;
    const change = parseChange(payload);
    if (!change) return;
    noteLatest(this.pending, change.ids, change.state);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  subscribe(stream: SeatStream): () => void {
    this.streams.add(stream);
    return () => {
      this.streams.delete(stream);
      if (this.streams.size === 0) this.clear();
    };
  }

  get size(): number {
    return this.streams.size;
  }

  /** Drops what is waiting; no write is made after this. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = new Map();
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    const chunk = Buffer.from(announcementPayloads(batch).map((payload) => `event: seats\ndata: ${payload}\n\n`).join(''));
    for (const stream of this.streams) {
      if (stream.writableLength > this.maxBacklog) stream.end();
      else stream.write(chunk);
    }
  }
}
