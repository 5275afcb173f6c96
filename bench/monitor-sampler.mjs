#!/usr/bin/env node
// The sampling process of the monitoring benchmark: samples the given processes at the given
// interval, as the monitor does (read /proc, store, evaluate the alert rules), and reports its
// own CPU use over the measured ticks as JSON. Run by bench/monitor.mjs.
import { createPool } from '../packages/kit/dist/index.js';
import { AlertEvaluator } from '../services/monitor/dist/alerts/alert-evaluator.js';
import { AlertRepository } from '../services/monitor/dist/alerts/alert.repository.js';
import { SampleRepository } from '../services/monitor/dist/metrics/sample.repository.js';
import { Sampler } from '../services/monitor/dist/sampler/sampler.js';

const { databaseUrl, intervalMs, ticks, replicas } = JSON.parse(process.argv[2]);
const pool = createPool({ connectionString: databaseUrl, schema: 'monitor', max: 4 });
const samples = new SampleRepository(pool, { rawHours: 26, rollupDays: 30 });
const evaluator = new AlertEvaluator(new AlertRepository(pool));
const sampler = new Sampler({
  intervalMs,
  containers: async () => replicas,
  samples,
  onSample: async (rows) => evaluator.evaluate(rows),
  onError: (error) => console.error(error),
});
// Warm up (the first sample has no CPU rate yet, and code is compiled once), then measure.
await sampler.sampleOnce();
await sampler.sampleOnce();
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
let insideMs = 0;
for (let i = 0; i < ticks; i++) {
  const started = performance.now();
  const tick = process.cpuUsage();
  await sampler.sampleOnce();
  const used = process.cpuUsage(tick);
  insideMs += (used.user + used.system) / 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - started))));
}
const cpu = process.cpuUsage(cpuBefore);
await pool.end();
console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallBefore, insideMs }));
