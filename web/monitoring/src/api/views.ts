import { request } from '@clove/web-kit/client';

/** One replica's CPU (cores in use) or memory (bytes resident) over time. */
export interface ResourceSeries {
  component: string;
  replica: string;
  metric: 'cpu' | 'memory';
  unit: 'cores' | 'bytes';
  /** [unix seconds, value], oldest first. */
  points: Array<[number, number]>;
}

/** GET /monitor/server/{deploymentId}. */
export interface ServerView {
  deploymentId: string;
  namespace: string;
  source: 'embedded' | 'prometheus';
  from: string;
  to: string;
  stepSeconds: number;
  series: ResourceSeries[];
}

export interface SalesCounts {
  tickets: number;
  revenue: number;
  refunds: number;
  refundedAmount: number;
}

export interface SalesPoint extends SalesCounts {
  /** Start of the interval (RFC 3339). */
  at: string;
  orders: number;
  byGrade: Record<string, SalesCounts>;
}

/** GET /monitor/ticket/{deploymentId}: bookings per interval; amounts in minor units of `currency`. */
export interface TicketView {
  deploymentId: string;
  slug: string;
  currency: string;
  from: string;
  to: string;
  stepSeconds: number;
  grades: string[];
  points: SalesPoint[];
}

export interface TimeWindow {
  from: Date;
  to: Date;
  /** Seconds per point; the server's default when absent. */
  stepSeconds?: number;
}

function windowQuery({ from, to, stepSeconds }: TimeWindow): string {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  if (stepSeconds) query.set('step', String(stepSeconds));
  return query.toString();
}

export function fetchServerView(deploymentId: string, window: TimeWindow, token: string, signal?: AbortSignal): Promise<ServerView> {
  return request<ServerView>('GET', `/monitor/server/${encodeURIComponent(deploymentId)}?${windowQuery(window)}`, { token, signal });
}

export function fetchTicketView(deploymentId: string, window: TimeWindow, token: string, signal?: AbortSignal): Promise<TicketView> {
  return request<TicketView>('GET', `/monitor/ticket/${encodeURIComponent(deploymentId)}?${windowQuery(window)}`, { token, signal });
}
