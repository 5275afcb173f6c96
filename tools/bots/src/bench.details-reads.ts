import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile } from './stats.recorder.js';

export interface DetailsReadOptions {
  /** The ticketing service's base URL. */
  target: string;
  concurrency: number;
  reads: number;
}

/**
 * What everyone arriving for a sale asks first: `reads` GET /event (R28) from `concurrency`
 * readers at once, over keep-alive connections. Reads per second, latency percentiles and the
 * statuses seen.
 */
export async function measureDetailsReads(options: DetailsReadOptions) {
  const pool = new Pool(options.target, { connections: options.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let started = 0;
  const began = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (started < options.reads) {
        started += 1;
        const at = performance.now();
        const response = await pool.request({ method: 'GET', path: '/event' });
        await response.body.text();
        latencies.push(performance.now() - at);
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      }
    }));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const ms = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  return { reads: latencies.length, readsPerSecond: Math.round(latencies.length / seconds), p50Ms: ms(50), p99Ms: ms(99), statuses };
}
