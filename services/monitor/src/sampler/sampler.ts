import { setTimeout as delay } from 'node:timers/promises';
import type { ManagedReplica } from '../metrics/metrics-source.js';
import type { SampleRepository, SampleRow } from '../metrics/sample.repository.js';
import { readProcess, type ProcessReading } from './proc-reader.js';

export interface SamplerOptions {
  intervalMs: number;
  /** The managed replicas, as the deployer's runtime lists them. */
  containers: () => Promise<ManagedReplica[]>;
  samples: SampleRepository;
  /** Called after every sample taken, with what was sampled. */
  onSample?: (rows: SampleRow[], containers: ManagedReplica[]) => Promise<void>;
  onError: (error: unknown, what: string) => void;
}

const ROLLUP_EVERY_MS = 60_000;

/**
 * The embedded metrics source: at every interval, each managed replica's CPU and memory from
 * the operating system (replicas of the local runtime are processes on this machine), with
 * its readiness and restarts, stored as samples. CPU is the rate between two readings of the
 * same process, in cores.
 */
export class Sampler {
  private readonly previous = new Map<string, { at: number; pid: number; reading: ProcessReading }>();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private lastRollup = 0;

  constructor(private readonly options: SamplerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** Takes one sample of every managed replica now. */
  async sampleOnce(): Promise<SampleRow[]> {
    const containers = await this.options.containers();
    const now = Date.now();
    const seen = new Set<string>();
    const rows = await Promise.all(containers.map(async (c): Promise<SampleRow> => {
      const key = `${c.namespace}/${c.replica}`;
      seen.add(key);
      const reading = c.pid ? readProcess(c.pid) : null;
      let cpuCores: number | null = null;
      if (reading && c.pid) {
        const before = this.previous.get(key);
        if (before && before.pid === c.pid && before.reading.startTicks === reading.startTicks && now > before.at) {
          cpuCores = Math.max(0, (reading.cpuSeconds - before.reading.cpuSeconds) / ((now - before.at) / 1000));
        }
        this.previous.set(key, { at: now, pid: c.pid, reading });
      }
      return {
        at: new Date(now),
        namespace: c.namespace,
        deploymentId: c.deploymentId,
        component: c.component,
        replica: c.replica,
        node: c.node,
        cpuCores,
        memoryBytes: reading?.memoryBytes ?? null,
        cpuLimit: c.cpuLimitCores ?? null,
        memoryLimit: c.memoryLimitBytes ?? null,
        ready: c.ready,
        restarts: c.restarts,
      };
    }));
    for (const key of [...this.previous.keys()]) if (!seen.has(key)) this.previous.delete(key);
    await this.options.samples.insert(rows);
    await this.options.onSample?.(rows, containers);
    return rows;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    // The first sample waits one interval: at start-up the deployer may still be starting too.
    await delay(this.options.intervalMs, undefined, { signal }).catch(() => undefined);
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await this.sampleOnce();
        if (started - this.lastRollup >= ROLLUP_EVERY_MS) {
          this.lastRollup = started;
          await this.options.samples.rollUpAndPrune();
        }
      } catch (error) {
        if (!signal.aborted) this.options.onError(error, 'sampling');
      }
      const wait = Math.max(0, this.options.intervalMs - (Date.now() - started));
      await delay(wait, undefined, { signal }).catch(() => undefined);
    }
  }
}
