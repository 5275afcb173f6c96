import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile } from './stats.recorder.js';

export interface ReadOptions {
  /** The ticketing service's base URL. */
  target: string;
  /** What a crowd arriving for a sale reads: `/event` (R28), `/seats` (R29). */
  path: string;
  concurrency: number;
  reads: number;
}

/**
 * `reads` GET requests for one path from `concurrency` readers at once, over keep-alive
 * connections: reads per second, latency percentiles, the statuses seen and the body size.
 */
export async function measureReads(options: ReadOptions) {
  const pool = new Pool(options.target, { connections: options.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let started = 0;
  const began = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (started < options.reads) {
        started += 1;
        const at = performance.now();
        const response = await pool.request({ method: 'GET', path: options.path });
        bytes = (await response.body.arrayBuffer()).byteLength;
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
  return { reads: latencies.length, readsPerSecond: Math.round(latencies.length / seconds), p50Ms: ms(50), p99Ms: ms(99), statuses, bodyBytes: bytes };
}
