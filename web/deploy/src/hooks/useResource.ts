import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'failed'; failure: unknown; data?: T };

/**
 * Loads something with the user's token when `key` changes (null: nothing to load) or on
 * `reload`. The shell renews the token in the background; a new token alone loads nothing again.
 */
export function useResource<T>(
  token: string | null,
  key: string | null,
  load: (token: string, signal: AbortSignal) => Promise<T>,
) {
  const [state, setState] = useState<Resource<T>>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const loadRef = useRef(load);
  loadRef.current = load;
  const signedIn = token !== null;

  useEffect(() => {
    const token = tokenRef.current;
    if (!token || key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: 'data' in previous ? previous.data : undefined }));
    loadRef.current(token, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: 'failed', failure, data: 'data' in previous ? previous.data : undefined }));
      },
    );
    return () => controller.abort();
  }, [key, attempt, signedIn]);

  return { ...state, reload };
}
