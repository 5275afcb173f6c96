import { isDatabaseUnavailable } from '../db/unavailable.js';

interface Log {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Logs the failures of a background loop (a sweeper, a relay) without flooding the log while
 * the same thing keeps failing (a database down fails every tick): the first failure of a kind
 * is logged at once, later ones at most once per `everyMs`, with how many were left out. A
 * database that cannot be reached is an outage to wait out: a warning, not an error.
 */
export function failureLog(log: Log, options: { everyMs?: number; now?: () => number } = {}) {
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? Date.now;
  const last = new Map<string, { at: number; leftOut: number }>();
  return (what: string) => (error: unknown) => {
    const at = now();
    const previous = last.get(what);
    if (previous && at - previous.at < everyMs) {
      previous.leftOut += 1;
      return;
    }
    last.set(what, { at, leftOut: 0 });
    const details = { err: error, ...(previous?.leftOut ? { failedMoreTimes: previous.leftOut } : {}) };
    if (isDatabaseUnavailable(error)) log.warn(details, what);
    else log.error(details, what);
  };
}
