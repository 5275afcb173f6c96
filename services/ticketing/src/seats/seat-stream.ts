import pg from 'pg';
import { SEAT_CHANNEL } from './seat-events.js';

type Listener = (payload: string) => void;

/**
 * R29: one LISTEN connection per instance, fanned out to every live seat-map stream, so a
 * seat taken through any instance shows up everywhere. Reconnects after connection loss.
 */
export class SeatFeed {
  private readonly listeners = new Set<Listener>();
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly databaseUrl: string, private readonly onError: (error: unknown) => void) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.payload) for (const listener of this.listeners) listener(message.payload);
    });
    client.on('error', (error) => {
      this.onError(error);
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`listen ${SEAT_CHANNEL}`);
    this.client = client;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.start().catch((error) => {
        this.onError(error);
        this.scheduleReconnect();
      });
    }, 1000);
  }
}
