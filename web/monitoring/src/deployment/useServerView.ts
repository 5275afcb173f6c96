import { ApiError } from '@clove/web-kit/problem';
import { useResource } from '@clove/web-kit/useResource';
import { fetchServerView, type ServerView } from '../api/views';
import { windowEndingNow, type TimeRange } from './timeRanges';

/** The server refuses steps finer than it samples; then its own default step is used. */
function stepRefused(failure: unknown): boolean {
  return failure instanceof ApiError && failure.status === 400 && (failure.problem.errors ?? []).some((e) => e.path === '/querystring/step');
}

/** CPU and memory series of a deployment over the range, loaded again while `autoRefresh`. */
export function useServerView(deploymentId: string, token: string, range: TimeRange, autoRefresh: boolean) {
  return useResource<ServerView>(async (signal) => {
    const window = windowEndingNow(range, range.resourceStep);
    try {
      return await fetchServerView(deploymentId, window, token, signal);
    } catch (failure) {
      if (!stepRefused(failure)) throw failure;
      return fetchServerView(deploymentId, { from: window.from, to: window.to }, token, signal);
    }
  }, { key: `${deploymentId}:${range.id}`, intervalMs: autoRefresh ? range.refreshMs : null });
}
