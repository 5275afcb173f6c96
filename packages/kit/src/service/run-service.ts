import type { App } from '../http/create-app.js';
import { LIFELINE_ENV, watchLifeline } from '../process/lifeline.js';

export interface RunServiceOptions {
  host: string;
  port: number;
  /** Called after the server stopped taking requests: close pools, timers. */
  onClose?: () => Promise<void>;
}

/**
 * Starts a service and stops it cleanly on SIGTERM/SIGINT, or when the supervising launcher
 * goes away (its IPC channel closes), so no process outlives the platform. A process given a
 * lifeline (CLOVE_LIFELINE, e.g. a deployed replica) outlives its supervisor instead, which
 * may come back and adopt it, and stops when the lifeline's process is gone.
 */
export async function runService(app: App, options: RunServiceOptions): Promise<void> {
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ why }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Answers sent while closing end their connection (Connection: close). A stream whose headers
    // went out before has no such header: its connection is closed here once it falls idle.
    const reap = setInterval(() => app.server.closeIdleConnections(), 100);
    reap.unref();
    try {
      await app.close();
      await options.onClose?.();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  const lifeline = process.env[LIFELINE_ENV];
  if (lifeline) watchLifeline(lifeline, () => void shutdown('platform gone'));
  else if (process.send) process.once('disconnect', () => void shutdown('supervisor gone'));

  await app.listen({ host: options.host, port: options.port });
  process.send?.({ type: 'listening', port: (app.server.address() as { port: number }).port });
}
