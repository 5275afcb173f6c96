/**
 * CPU and memory series of a deployment's replicas, read from Prometheus.
 *
 * - local: every managed process is scraped through the discovery file (scrape-targets.ts) and
 *   serves prom-client's process metrics; the discovery labels name component and replica.
 * - kubernetes: cAdvisor container metrics of the deployment's namespace; the pod is the
 *   replica and the container the component.
 */
import { invalid } from '@clove/kit';
import type { MetricName, MetricsSource, Series, SeriesQuery } from '../metrics/metrics-source.js';
import { type MatrixSeries, PrometheusApi, promDuration, promString } from './prometheus-api.js';

export type PrometheusRuntime = 'local' | 'kubernetes';

export interface PrometheusSourceOptions {
  /** Base URL of Prometheus, e.g. http://127.0.0.1:9090. */
  url: string;
  runtime: PrometheusRuntime;
  /** Per request; default 5000. */
  timeoutMs?: number;
  /** The scrape interval of the series queried; rate windows span at least four scrapes. Default 15. */
  scrapeIntervalSeconds?: number;
}

export interface SeriesQueries {
  cpu: string;
  memory: string;
}

const UNITS: Record<MetricName, Series['unit']> = { cpu: 'cores', memory: 'bytes' };

/** The PromQL of both metrics for a namespace, with rates over `windowSeconds`. */
export function seriesQueries(runtime: PrometheusRuntime, namespace: string, windowSeconds: number): SeriesQueries {
  const ns = promString(namespace);
  const window = promDuration(windowSeconds);
  if (runtime === 'local') {
    return {
      cpu: `rate(process_cpu_seconds_total{namespace=${ns}}[${window}])`,
      memory: `process_resident_memory_bytes{namespace=${ns}}`,
    };
  }
  const containers = `namespace=${ns}, container!="", container!="POD"`;
  return {
    cpu: `sum by (pod, container) (rate(container_cpu_usage_seconds_total{${containers}}[${window}]))`,
    memory: `sum by (pod, container) (container_memory_working_set_bytes{${containers}})`,
  };
}

/**
 * The rate window: two steps, so consecutive points overlap and no sample is missed, and at
 * least four scrapes, so every window holds the two samples rate() needs.
 */
export function rateWindowSeconds(stepSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(2 * stepSeconds, 4 * scrapeIntervalSeconds);
}

export class PrometheusSource implements MetricsSource {
  readonly name = 'prometheus' as const;
  readonly runtime: PrometheusRuntime;
  readonly scrapeIntervalSeconds: number;
  private readonly api: PrometheusApi;

  constructor(options: PrometheusSourceOptions) {
    this.runtime = options.runtime;
    this.scrapeIntervalSeconds = options.scrapeIntervalSeconds ?? 15;
    if (!(this.scrapeIntervalSeconds > 0) || !Number.isFinite(this.scrapeIntervalSeconds)) {
      throw new RangeError(`scrapeIntervalSeconds must be a positive number, got ${options.scrapeIntervalSeconds}`);
    }
    this.api = new PrometheusApi(options.url, options.timeoutMs);
  }

  get url(): string {
    return this.api.url;
  }

  async serverSeries(query: SeriesQuery): Promise<Series[]> {
    const { from, to, stepSeconds } = query;
    if (!(stepSeconds > 0) || !Number.isFinite(stepSeconds)) {
      throw invalid(`stepSeconds must be a positive number, got ${stepSeconds}`);
    }
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
      throw invalid('The series window must have valid dates with from at or before to');
    }
    const window = rateWindowSeconds(stepSeconds, this.scrapeIntervalSeconds);
    const promql = seriesQueries(this.runtime, query.namespace, window);
    // Points fall on multiples of the step, as the embedded source's do.
    const start = new Date(Math.ceil(from.getTime() / 1000 / stepSeconds) * stepSeconds * 1000);
    const [cpu, memory] = await Promise.all([
      this.api.queryRange(promql.cpu, start, to, stepSeconds),
      this.api.queryRange(promql.memory, start, to, stepSeconds),
    ]);
    return [...this.toSeries('cpu', cpu), ...this.toSeries('memory', memory)].sort(bySeriesKey);
  }

  /**
   * One Series per component and replica. A replica restarted on another port is briefly two
   * Prometheus series; their values are added where both have a point.
   */
  private toSeries(metric: MetricName, matrix: MatrixSeries[]): Series[] {
    const merged = new Map<string, { component: string; replica: string; points: Map<number, number> }>();
    for (const { metric: labels, values } of matrix) {
      const component = (this.runtime === 'local' ? labels.component : labels.container) ?? '';
      const replica = (this.runtime === 'local' ? labels.replica : labels.pod) ?? '';
      const key = JSON.stringify([component, replica]);
      let entry = merged.get(key);
      if (entry === undefined) {
        entry = { component, replica, points: new Map() };
        merged.set(key, entry);
      }
      for (const [time, text] of values) {
        const value = Number(text);
        if (!Number.isFinite(value) || !Number.isFinite(time)) continue;
        entry.points.set(time, (entry.points.get(time) ?? 0) + value);
      }
    }
    return [...merged.values()]
      .filter((entry) => entry.points.size > 0)
      .map(({ component, replica, points }) => ({
        component,
        replica,
        metric,
        unit: UNITS[metric],
        points: [...points.entries()].sort((a, b) => a[0] - b[0]),
      }));
  }
}

function bySeriesKey(a: Series, b: Series): number {
  for (const key of ['component', 'replica', 'metric'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}
