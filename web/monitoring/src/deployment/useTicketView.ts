import { useResource } from '@clove/web-kit/useResource';
import { fetchTicketView, type TicketView } from '../api/views';
import { windowEndingNow, type TimeRange } from './timeRanges';

/** Bookings and revenue of the deployment's performance over the range. */
export function useTicketView(deploymentId: string, token: string, range: TimeRange, autoRefresh: boolean) {
  return useResource<TicketView>(
    (signal) => fetchTicketView(deploymentId, windowEndingNow(range, range.salesStep), token, signal),
    { key: `${deploymentId}:${range.id}`, intervalMs: autoRefresh ? range.refreshMs : null },
  );
}
