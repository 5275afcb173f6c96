import { listen, type Listener } from '@clove/kit';

/** The channel migration 0003 notifies on when a session ends. */
const CHANNEL = 'clove_sessions_revoked';
/**
 * The most reads kept waiting at once: a few per service process are needed. The list is
 * public, so past this a read is answered at once rather than letting anyone hold sockets open.
 */
export const MAX_WAITING_READS = 1000;

/**
 * R4: wakes the waiting reads of GET /revoked-sessions when a session ends, through any auth
 * replica (PostgreSQL LISTEN/NOTIFY), so the services hear of it at once instead of at their
 * next read. A reconnection wakes them too: a notice may have been missed meanwhile.
 */
export class RevocationNotices {
  private readonly waiting = new Set<() => void>();
  private listener: Listener | null = null;
  private closed = false;

  async start(databaseUrl: string, onError: (error: unknown) => void): Promise<void> {
    this.listener = await listen(databaseUrl, CHANNEL, { onNotification: () => this.wakeAll(), onConnected: () => this.wakeAll(), onError });
  }

  /**
   * Resolves at the next notice, after `ms` without one, or when the service closes; at once
   * when MAX_WAITING_READS wait already. Take it before reading the list, so a session ended
   * between the read and the wait is not missed.
   */
  next(ms: number): { changed: Promise<void>; cancel: () => void } {
    if (this.closed || this.waiting.size >= MAX_WAITING_READS) return { changed: Promise.resolve(), cancel: () => undefined };
    let wake!: () => void;
    const changed = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const timer = setTimeout(() => done(), ms);
    const done = () => {
      clearTimeout(timer);
      this.waiting.delete(done);
      wake();
    };
    this.waiting.add(done);
    return { changed, cancel: done };
  }

  /** Reads waiting now. */
  get waitingReads(): number {
    return this.waiting.size;
  }

  /** Answers the waiting reads now (the service is closing: nothing may hold its drain). */
  release(): void {
    this.closed = true;
    this.wakeAll();
  }

  async stop(): Promise<void> {
    this.release();
    await this.listener?.stop();
  }

  private wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }
}
