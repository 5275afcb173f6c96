import { listen, type Listener } from '@clove/kit';
import { SEAT_CHANNEL } from './seat-events.js';
import { SeatFanOut, type SeatStream } from './seat-fan-out.js';

/** How long seat changes gather before they go out to the open seat maps. */
const FAN_OUT_MS = 100;
/** Unsent bytes after which a seat map is ended (a sale's changes for a second are a few kB). */
const MAX_BACKLOG_BYTES = 1024 * 1024;
/** Open seat maps served every FAN_OUT_MS; with more, changes gather longer (at most 500 ms). */
const STREAMS_PER_PERIOD = 1000;

/**
 * R29: one LISTEN connection per instance, fanned out to every live seat-map stream, so a
 * seat taken through any instance shows up everywhere (within FAN_OUT_MS more, longer with more
 * than STREAMS_PER_PERIOD maps open). Reconnects after connection loss.
 */
export class SeatFeed {
  private readonly fanOut = new SeatFanOut(FAN_OUT_MS, MAX_BACKLOG_BYTES, STREAMS_PER_PERIOD);
  private listener: Listener | null = null;

  constructor(private readonly databaseUrl: string, private readonly onError: (error: unknown) => void) {}

  async start(): Promise<void> {
    this.listener = await listen(this.databaseUrl, SEAT_CHANNEL, {
      onNotification: (payload) => {
        if (payload) this.fanOut.add(payload);
      },
      onError: this.onError,
      retryMs: 1000,
    });
  }

  /** The stream gets `event: seats` messages, several changes to a write. */
  subscribe(stream: SeatStream): () => void {
    return this.fanOut.subscribe(stream);
  }

  async stop(): Promise<void> {
    this.fanOut.clear();
    await this.listener?.stop();
  }
}
