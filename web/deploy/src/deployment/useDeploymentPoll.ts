import { useCallback, useEffect, useRef, useState } from 'react';
import { statusOf } from '../api/client';
import { fetchDeployment, TRANSIENT_STATUSES, type DeploymentDetail } from '../api/deployments';

/** While the deployer is at work the page follows it closely; otherwise a slow look now and then. */
const FAST_MS = 1_000;
const SLOW_MS = 10_000;
const RETRY_MS = 3_000;

export type PollState =
  | { status: 'loading' }
  | { status: 'ready'; deployment: DeploymentDetail; stale: boolean }
  | { status: 'missing' }
  | { status: 'failed'; failure: unknown };

/**
 * The deployment, polled: about every second while its status is transient, every ten
 * seconds otherwise. `refresh` looks at once (after a change the page made); `retry` starts
 * over after a failure.
 */
export function useDeploymentPoll(token: string | null, id: string) {
  const [state, setState] = useState<PollState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const refreshRef = useRef<() => void>(() => undefined);
  const signedIn = token !== null;

  useEffect(() => {
    if (!signedIn) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void poll(), ms);
    };
    const poll = async () => {
      const token = tokenRef.current;
      if (!token) return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const deployment = await fetchDeployment(token, id, current.signal);
        if (stopped || current.signal.aborted) return;
        setState({ status: 'ready', deployment, stale: false });
        schedule(TRANSIENT_STATUSES.has(deployment.status) ? FAST_MS : SLOW_MS);
      } catch (failure) {
        if (stopped || current.signal.aborted) return;
        const code = statusOf(failure);
        if (code === 404) return setState({ status: 'missing' });
        if (code >= 400 && code < 500) return setState({ status: 'failed', failure });
        // The server could not answer this time: keep what is shown and look again soon.
        setState((previous) => (previous.status === 'ready' ? { ...previous, stale: true } : { status: 'failed', failure }));
        schedule(RETRY_MS);
      }
    };

    refreshRef.current = () => {
      if (stopped) return;
      clearTimeout(timer);
      void poll();
    };
    setState({ status: 'loading' });
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    };
  }, [id, signedIn, attempt]);

  const refresh = useCallback(() => refreshRef.current(), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, refresh, retry };
}
