import { EVENT_LOOP_SAMPLING_MS } from '@clove/kit';

/** What a service's own request histogram says of one route: time spent inside the service. */
export interface RouteLatency {
  route: string;
  requests: number;
  /** Upper bounds of the histogram buckets holding the 50th and 99th percentile, ms (null: above the last bucket). */
  p50AtMostMs: number | null;
  p99AtMostMs: number | null;
}

/** A service's request histogram at one moment: per route, cumulative counts per bucket bound (seconds). */
export interface RouteHistograms {
  buckets: Map<string, Map<number, number>>;
  /** How late the event loop ran a timer, on average (since the service's metrics were last read). */
  eventLoopDelayMeanMs: number | null;
}

const BUCKET = /^http_request_duration_seconds_bucket\{(.*)\} (\d+(?:\.\d+)?)$/;
const label = (labels: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1] ?? '';

function percentileBound(buckets: Map<number, number>, total: number, share: number): number | null {
  for (const [le, cumulative] of [...buckets].sort((a, b) => a[0] - b[0])) {
    if (cumulative >= total * share) return Number.isFinite(le) ? Math.round(le * 1000) : null;
  }
  return null;
}

/**
 * Reads the service's /metrics (the http_request_duration_seconds histogram, all statuses
 * together). Null when the metrics cannot be read.
 */
export async function routeHistograms(serviceUrl: string): Promise<RouteHistograms | null> {
  const response = await fetch(`${serviceUrl}/metrics`).catch(() => null);
  if (!response?.ok) return null;
  const buckets = new Map<string, Map<number, number>>();
  let lag: number | null = null;
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('nodejs_eventloop_lag_mean_seconds')) {
      // "Nan" when no timer ran since the last read.
      const meanMs = Number(line.split(' ').pop()) * 1000;
      lag = Number.isFinite(meanMs) ? Math.max(0, Math.round((meanMs - EVENT_LOOP_SAMPLING_MS) * 10) / 10) : null;
    }
    const match = BUCKET.exec(line);
    if (!match) continue;
    const route = `${label(match[1]!, 'method')} ${label(match[1]!, 'route')}`;
    const le = label(match[1]!, 'le') === '+Inf' ? Infinity : Number(label(match[1]!, 'le'));
    const counts = buckets.get(route) ?? buckets.set(route, new Map()).get(route)!;
    counts.set(le, (counts.get(le) ?? 0) + Number(match[2]));
  }
  return { buckets, eventLoopDelayMeanMs: lag };
}

/**
 * The latency per route of the requests served between two readings (`before` null: since
 * the service started), so the bots' latencies can be told apart: time in the service versus
 * time spent waiting to be served.
 */
export function routeLatenciesBetween(
  before: RouteHistograms | null,
  after: RouteHistograms | null,
): { routes: RouteLatency[]; eventLoopDelayMeanMs: number | null } | null {
  if (!after) return null;
  const routes = [...after.buckets].map(([route, counts]) => {
    const earlier = before?.buckets.get(route);
    const served = new Map([...counts].map(([le, n]) => [le, n - (earlier?.get(le) ?? 0)]));
    const total = served.get(Infinity) ?? 0;
    return { route, requests: total, p50AtMostMs: percentileBound(served, total, 0.5), p99AtMostMs: percentileBound(served, total, 0.99) };
  });
  return { routes: routes.filter((r) => r.requests > 0).sort((a, b) => b.requests - a.requests), eventLoopDelayMeanMs: after.eventLoopDelayMeanMs };
}
