import { useCallback, useEffect, useRef, useState } from 'react';
import { statusOf } from './problem';
import { onSessionRenewed } from './session';

export interface Resource<T> {
  /** The last answer for the current key; null before the first one. */
  data: T | null;
  /** Why the last load failed; null after a success. Like `data`, it stays while reloading. */
  failure: unknown;
  /** A load the user waits for: the first one for a key, or `refresh`. Polls stay quiet. */
  loading: boolean;
  /** When `data` arrived, epoch milliseconds. */
  updatedAt: number | null;
  /** Loads again at once. */
  refresh: () => void;
  /** Shows data without a request, e.g. what a save answered. */
  replace: (data: T) => void;
}

export interface ResourceOptions<T> {
  /**
   * What must trigger a load besides `refresh` (signed in or not, ids). A new key starts without
   * the old answer; null loads nothing, and a key that comes back shows its last answer meanwhile.
   */
  key: string | null;
  /**
   * Time from the end of one load to a quiet poll, fixed or chosen from that load's answer or
   * failure (e.g. closely while a deployment is at work); null or absent: no polling.
   */
  intervalMs?: number | null | ((data: T | null, failure: unknown) => number | null);
}

interface State<T> {
  key: string | null;
  data: T | null;
  failure: unknown;
  loading: boolean;
  updatedAt: number | null;
}

function start<T>(key: string | null): State<T> {
  return { key, data: null, failure: null, loading: key !== null, updatedAt: null };
}

/**
 * Loads with the session's token when `key` changes, on `refresh` and, with `intervalMs`, again
 * and again. The loader closes over the token, which the shell renews in the background: it is
 * kept in a ref so that a new token alone loads nothing, unless the last load was refused for
 * its token (401) and the shell renewed the session since. Unmounting aborts the request.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, { key, intervalMs = null }: ResourceOptions<T>): Resource<T> {
  const [state, setState] = useState<State<T>>(() => start(key));
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;
  const intervalRef = useRef(intervalMs);
  intervalRef.current = intervalMs;
  // A chosen interval is a new function on every render: only a fixed one restarts polling.
  const polling = typeof intervalMs === 'function' ? 'chosen' : intervalMs;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (quiet: boolean) => {
      if (!quiet) setState((previous) => (previous.key === key ? { ...previous, loading: true } : start(key)));
      let answer: T | null = null;
      let failed: unknown = null;
      loadRef.current(controller.signal)
        .then(
          (data) => {
            answer = data;
            if (!controller.signal.aborted) setState({ key, data, failure: null, loading: false, updatedAt: Date.now() });
          },
          (failure: unknown) => {
            failed = failure;
            if (!controller.signal.aborted) setState((previous) => ({ ...previous, failure, loading: false }));
          },
        )
        .finally(() => {
          if (controller.signal.aborted) return;
          const interval = intervalRef.current;
          const next = typeof interval === 'function' ? interval(answer, failed) : interval;
          if (next !== null) timer = setTimeout(() => run(true), next);
        });
    };
    run(false);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key, polling, attempt]);

  // A load refused for its token runs again once the shell renewed the session.
  const refusedForToken = statusOf(state.failure) === 401;
  useEffect(() => (refusedForToken ? onSessionRenewed(refresh) : undefined), [refusedForToken, refresh]);

  const replace = useCallback((data: T) => {
    setState((previous) => (previous.key === keyRef.current ? { ...previous, data, failure: null, updatedAt: Date.now() } : previous));
  }, []);

  if (key === null || state.key !== key) return { ...start<T>(key), refresh, replace };
  const { data, failure, loading, updatedAt } = state;
  return { data, failure, loading, updatedAt, refresh, replace };
}
