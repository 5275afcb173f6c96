import { useCallback, useEffect, useRef, useState } from 'react';

export interface SellerResource<T> {
  data: T | null;
  /** The last failure; data from before it stays. */
  failure: unknown;
  /** A load the user waits for (the first one, or `refresh`); polls stay quiet. */
  loading: boolean;
  /** When `data` was fetched. */
  fetchedAt: number | null;
  refresh: () => void;
}

/**
 * Data only sellers of the show may read, loaded while `active`, again on `refresh` and, with
 * `pollMs`, quietly on a timer: what is shown stays until the next answer replaces it.
 */
export function useSellerResource<T>(
  load: (token: string, signal: AbortSignal) => Promise<T>,
  token: string | null,
  active: boolean,
  pollMs?: number,
): SellerResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  // The shell renews the token in the background; a new token alone is no reason to reload.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const loadRef = useRef(load);
  loadRef.current = load;
  const signedIn = token !== null;

  useEffect(() => {
    if (!active || !signedIn) return;
    const controller = new AbortController();
    const fetchNow = (quiet: boolean) => {
      const current = tokenRef.current;
      if (!current) return;
      if (!quiet) setLoading(true);
      loadRef.current(current, controller.signal).then(
        (value) => {
          setData(value);
          setFailure(null);
          setFetchedAt(Date.now());
          setLoading(false);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setFailure(error);
          setLoading(false);
        },
      );
    };
    fetchNow(false);
    const timer = pollMs ? setInterval(() => fetchNow(true), pollMs) : undefined;
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [active, signedIn, attempt, pollMs]);

  return { data, failure, loading, fetchedAt, refresh };
}
