/**
 * Where CPU and memory series of a deployment's replicas come from: samples the monitor takes
 * itself from the operating system (embedded), or Prometheus (PROMETHEUS_URL). Both answer the
 * same shape.
 */

export type MetricName = 'cpu' | 'memory';

export interface SeriesQuery {
  deploymentId: string;
  /** The deployment's namespace, e.g. perf-spring-gala. */
  namespace: string;
  from: Date;
  to: Date;
  stepSeconds: number;
}

export interface Series {
  component: string;
  /** Replica (local: <deployment>-<n>; Kubernetes: the pod name). */
  replica: string;
  metric: MetricName;
  /** cpu: cores in use (1 = one full core); memory: bytes resident. */
  unit: 'cores' | 'bytes';
  /** [unix seconds, value], oldest first, one per step where there is data. */
  points: Array<[number, number]>;
}

export interface MetricsSource {
  readonly name: 'embedded' | 'prometheus';
  serverSeries(query: SeriesQuery): Promise<Series[]>;
}

/** A managed replica as the deployer's runtime lists it, with what scraping and sampling need. */
export interface ManagedReplica {
  namespace: string;
  deploymentId: string | null;
  /** The Deployment, e.g. ticketing-r2. */
  workload: string;
  component: string;
  replica: string;
  node: string;
  state: string;
  ready: boolean;
  restarts: number;
  startedAt: string | null;
  /** Local runtime: the process id and the replica's base URL (http://127.0.0.1:<port>). */
  pid?: number;
  address?: string;
  /** Limits of its container, when set: cores and bytes. */
  cpuLimitCores?: number;
  memoryLimitBytes?: number;
}
