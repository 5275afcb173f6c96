import pg from 'pg';

export interface ListenOptions {
  /** Each NOTIFY on the channel, with its payload ('' when none was given). */
  onNotification: (payload: string) => void;
  /**
   * After every (re)connection, the first included: notifications sent while no connection
   * listened are lost, so a listener that must not miss a change reads the state again here.
   */
  onConnected?: () => void;
  /** A lost connection or a failed attempt; the listener tries again on its own. */
  onError?: (error: unknown) => void;
  /** The first wait before connecting again; doubled after each failed attempt up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface Listener {
  /** Ends the connection and the attempts to connect again. */
  stop(): Promise<void>;
}

/**
 * LISTENs on a PostgreSQL channel on a connection of its own (a pool's connections come and
 * go), and keeps listening: a lost connection is made again, waiting longer after each failed
 * attempt. Resolves after the first attempt, whether it connected or not.
 */
export async function listen(databaseUrl: string, channel: string, options: ListenOptions): Promise<Listener> {
  const firstRetryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const again = (delay: number) => {
    if (stopped) return;
    retry = setTimeout(() => void connect(Math.min(delay * 2, maxRetryMs)), delay);
  };
  const connect = async (nextDelay: number): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel === channel) options.onNotification(message.payload ?? '');
    });
    // Before connecting: an 'error' with no handler would end the process. Until the client is
    // the listening one, its failure is the failed attempt below.
    next.on('error', (error) => {
      if (client !== next) return;
      client = null;
      options.onError?.(error);
      void next.end().catch(() => undefined);
      again(firstRetryMs);
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      options.onError?.(error);
      await next.end().catch(() => undefined);
      again(nextDelay);
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    options.onConnected?.();
  };

  await connect(firstRetryMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
