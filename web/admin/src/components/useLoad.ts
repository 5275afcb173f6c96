import { useCallback, useEffect, useRef, useState } from 'react';

export type LoadState<T> =
  | { status: 'loading'; data: T | null; failure: null }
  | { status: 'ready'; data: T; failure: null }
  | { status: 'failed'; data: T | null; failure: unknown };

/**
 * Loads data with the session's token once it is known and whenever `key` changes; `reload`
 * loads it again. The token changes on every background refresh, which alone is no reason to
 * load again.
 */
export function useLoad<T>(token: string | null, key: string, load: (token: string, signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading', data: null, failure: null });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const loadRef = useRef(load);
  loadRef.current = load;
  const signedIn = token !== null;

  useEffect(() => {
    const token = tokenRef.current;
    if (!token) return;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, failure: null }));
    loadRef.current(token, controller.signal).then(
      (data) => setState({ status: 'ready', data, failure: null }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: 'failed', data: previous.data, failure }));
      },
    );
    return () => controller.abort();
  }, [attempt, signedIn, key]);

  /** Replaces the data without a request, e.g. with what a save answered. */
  const replace = useCallback((data: T) => setState({ status: 'ready', data, failure: null }), []);

  return { ...state, reload, replace };
}
