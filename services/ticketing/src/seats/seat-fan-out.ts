import { sectionOfSeat } from '../performance/seat-map.js';
import { announcementPayloads } from './seat-announcer.js';
import { noteLatest, type SeatChangeState } from './seat-events.js';

/** An open seat map: an HTTP response, as far as the fan-out needs it. */
export interface SeatStream {
  write(chunk: Buffer): void;
  /** Bytes written to it and not yet sent. */
  readonly writableLength: number;
  /** Ends it; its owner unsubscribes it. */
  end(): void;
  /** Only this section's changes (a large venue's page shows one section); all when absent. */
  readonly section?: string;
}

/** The longest period is this many times `flushMs`: a change still shows within half a second. */
const MAX_STRETCH = 5;

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
 * R29: the seat changes for every open seat-map stream, gathered for a period and then written
 * to all of them at once, each seat in its latest state: bytes made once (once per section for
 * the streams that follow one section), one write per stream per period. Written as they came,
 * a busy sale's changes cost one write per stream each: with two thousand maps open, that
 * tripled the CPU of a hold. The period is `flushMs` for up to `streamsPerPeriod` streams and
 * grows with more, up to MAX_STRETCH times: up to MAX_STRETCH × `streamsPerPeriod` streams, a
 * crowd watching a sale costs about `streamsPerPeriod` writes per `flushMs`, each a little
 * later. A stream with more than `maxBacklog` bytes unsent (its reader stopped reading) is ended
 * rather than left to grow in memory; a browser reconnects and loads the map again.
 */
export class SeatFanOut {
  private readonly streams = new Set<SeatStream>();
  private pending = new Map<string, SeatChangeState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushMs: number,
    private readonly maxBacklog: number,
    private readonly streamsPerPeriod = Number.POSITIVE_INFINITY,
  ) {}

  /** A NOTIFY payload (`{state, ids}`); dropped while no stream is open. */
  add(payload: string): void {
    if (this.streams.size === 0) return;
    const change = parseChange(payload);
    if (!change) return;
    noteLatest(this.pending, change.ids, change.state);
    this.timer ??= setTimeout(() => this.flush(), this.periodMs());
  }

  /** How long changes gather before they go out: longer with more streams open. */
  periodMs(): number {
    const stretch = Math.min(MAX_STRETCH, Math.max(1, Math.ceil(this.streams.size / this.streamsPerPeriod)));
    return this.flushMs * stretch;
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
    const chunks = new Map<string | undefined, Buffer | null>();
    let bySection: Map<string, Map<string, SeatChangeState>> | undefined;
    const chunkFor = (section: string | undefined): Buffer | null => {
      if (!chunks.has(section)) {
        const changes = section === undefined ? batch : (bySection ??= groupBySection(batch)).get(section);
        chunks.set(section, changes ? eventsChunk(changes) : null);
      }
      return chunks.get(section) ?? null;
    };
    for (const stream of this.streams) {
      const chunk = chunkFor(stream.section);
      if (!chunk) continue;
      if (stream.writableLength > this.maxBacklog) stream.end();
      else stream.write(chunk);
    }
  }
}

const eventsChunk = (changes: ReadonlyMap<string, SeatChangeState>): Buffer =>
  Buffer.from(announcementPayloads(changes).map((payload) => `event: seats\ndata: ${payload}\n\n`).join(''));

function groupBySection(batch: ReadonlyMap<string, SeatChangeState>): Map<string, Map<string, SeatChangeState>> {
  const sections = new Map<string, Map<string, SeatChangeState>>();
  for (const [id, state] of batch) {
    const section = sectionOfSeat(id);
    let changes = sections.get(section);
    if (!changes) sections.set(section, (changes = new Map()));
    changes.set(id, state);
  }
  return sections;
}
