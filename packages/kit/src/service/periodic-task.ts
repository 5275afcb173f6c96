export interface PeriodicOptions {
  /** Also run once right away, not only after the first interval. */
  immediately?: boolean;
}

/**
 * Runs a background task every `intervalMs`, never two runs at once: a run that takes longer
 * than the interval makes the ticks it overlaps pass. A failed run goes to `onError`; the next
 * tick runs again. The timer does not keep the process alive. Answers a stop function that
 * waits for a run under way.
 */
export function runPeriodically(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
  options: PeriodicOptions = {},
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task().then(() => undefined, onError).finally(() => (running = null));
  };
  if (options.immediately) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
