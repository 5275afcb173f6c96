import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  /** The last answer for the current key; null before the first one. */
  data: T | null;
  /** Why the last attempt failed; null after a success. */
  failure: unknown;
  loading: boolean;
  /** When `data` was loaded, epoch milliseconds. */
  updatedAt: number | null;
  refresh: () => void;
}

interface PollState<T> {
  key: string;
  data: T | null;
  failure: unknown;
  loading: boolean;
  updatedAt: number | null;
}

interface PollOptions {
  /** A new key starts over (the old answer is dropped); the same key keeps it while reloading. */
  key: string;
  /** Time between the end of one load and the start of the next; null loads once. */
  intervalMs: number | null;
  enabled?: boolean;
}

/**
 * Loads now and again after every interval; a failed load keeps the previous answer and is
 * tried again at the next interval. `refresh` loads at once.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, { key, intervalMs, enabled = true }: PollOptions): Polled<T> {
  const [state, setState] = useState<PollState<T>>({ key, data: null, failure: null, loading: enabled, updatedAt: null });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  // The loader closes over the session token, which changes on every background refresh;
  // that alone is no reason to load again.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: number | undefined;
    setState((previous) => (previous.key === key ? { ...previous, loading: true } : { key, data: null, failure: null, loading: true, updatedAt: null }));
    loadRef.current(controller.signal)
      .then(
        (data) => setState({ key, data, failure: null, loading: false, updatedAt: Date.now() }),
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ ...previous, key, failure, loading: false }));
        },
      )
      .finally(() => {
        if (!controller.signal.aborted && intervalMs !== null) timer = window.setTimeout(() => setTick((n) => n + 1), intervalMs);
      });
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [key, tick, intervalMs, enabled]);

  const current = state.key === key;
  return {
    data: current ? state.data : null,
    failure: current ? state.failure : null,
    loading: current ? state.loading : enabled,
    updatedAt: current ? state.updatedAt : null,
    refresh,
  };
}
