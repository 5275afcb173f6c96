import { useResource } from '@clove/web-kit/useResource';
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

/** A 4xx is the answer (gone, or not yours); anything else may pass. */
const final = (failure: unknown) => {
  const code = statusOf(failure);
  return code >= 400 && code < 500;
};

function nextPoll(deployment: DeploymentDetail | null, failure: unknown): number | null {
  if (failure !== null) return final(failure) ? null : RETRY_MS;
  return deployment && TRANSIENT_STATUSES.has(deployment.status) ? FAST_MS : SLOW_MS;
}

/**
 * The deployment, polled: about every second while its status is transient, every ten
 * seconds otherwise. When the server cannot answer, what is shown stays (marked stale) and it
 * looks again soon. `refresh` looks at once (after a change the page made); `retry` starts
 * over after a failure.
 */
export function useDeploymentPoll(token: string | null, id: string) {
  const { data, failure, loading, refresh } = useResource(
    (signal) => fetchDeployment(token ?? '', id, signal),
    { key: token === null ? null : id, intervalMs: nextPoll },
  );
  let state: PollState;
  if (failure !== null && !loading) {
    if (statusOf(failure) === 404) state = { status: 'missing' };
    else if (data === null || final(failure)) state = { status: 'failed', failure };
    else state = { status: 'ready', deployment: data, stale: true };
  } else {
    state = data === null ? { status: 'loading' } : { status: 'ready', deployment: data, stale: false };
  }
  return { state, refresh, retry: refresh };
}
