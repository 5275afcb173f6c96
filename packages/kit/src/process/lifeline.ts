import { isSameProcess, processIdentity } from './process-identity.js';

/**
 * A lifeline names the process whose end is the platform's end ("<pid>@<identity>"): a
 * process given one in this variable runs on when its own supervisor goes away (the
 * supervisor may come back and adopt it) and stops only when the lifeline's process is gone.
 */
export const LIFELINE_ENV = 'CLOVE_LIFELINE';

const WATCH_MS = 500;

/** The lifeline of a running process; null when it is not running. */
export function lifelineOf(pid: number): string | null {
  const identity = processIdentity(pid);
  return identity === null ? null : `${pid}@${identity}`;
}

/** Whether the process a lifeline names still runs (not a later one with its pid). */
export function lifelineHolds(lifeline: string): boolean {
  const at = lifeline.indexOf('@');
  if (at <= 0) return false;
  return isSameProcess(Number(lifeline.slice(0, at)), lifeline.slice(at + 1));
}

/** Calls `onGone` once when the lifeline's process is gone; returns a function that stops watching. */
export function watchLifeline(lifeline: string, onGone: () => void, intervalMs = WATCH_MS): () => void {
  const timer = setInterval(() => {
    if (lifelineHolds(lifeline)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // The watch alone does not keep a process running.
  timer.unref();
  return () => clearInterval(timer);
}
