#!/usr/bin/env node
// The monitoring benchmark (issue targets):
//  1. the sampler's own cost with 50 managed processes at a 5 s interval — /proc reads, the
//     insert into PostgreSQL, alert evaluation — as CPU of the sampling process and of
//     PostgreSQL, in % of one core (target: under 2 %);
//  2. the latency of a 24-hour series query (one deployment of 10 replicas, one point a minute)
//     over 24 hours of samples of 50 replicas every 5 s (target: under 200 ms).
// Usage: npm run bench:monitor [-- --ticks 12 --interval-ms 5000 --processes 50]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPool, migrate } from '../packages/kit/dist/index.js';
import { EmbeddedSource } from '../services/monitor/dist/metrics/embedded-source.js';
import { SampleRepository } from '../services/monitor/dist/metrics/sample.repository.js';
import { startEmbeddedPostgres } from '../tools/launcher/dist/embedded-postgres.js';
import { machineInfo } from '../tools/bots/dist/machine.info.js';
import { freePorts } from './launcher.mjs';

const root = new URL('..', import.meta.url).pathname;
const TARGETS = { samplerCpuPercentOfOneCore: 2, query24hMs: 200 };
const { values } = parseArgs({
  options: {
    ticks: { type: 'string', default: '12' },
    'interval-ms': { type: 'string', default: '5000' },
    processes: { type: 'string', default: '50' },
  },
});
const ticks = Number(values.ticks);
const intervalMs = Number(values['interval-ms']);
const processCount = Number(values.processes);

/** CPU seconds used so far by a process, from /proc (clock ticks of 1/100 s). */
async function cpuSecondsOf(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this PostgreSQL: the postmaster and its children (backends, writers, autovacuum). */
async function postgresCpuSeconds(postmasterPid) {
  let total = await cpuSecondsOf(postmasterPid);
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === postmasterPid) total += await cpuSecondsOf(Number(name));
  }
  return total;
}

/** CPU milliseconds an idle Node.js process (one timer) uses over `ms`. */
function idleNodeCpu(ms) {
  const script = `setInterval(() => {}, 5000); const s = process.cpuUsage(); setTimeout(() => { const u = process.cpuUsage(s); console.log((u.user + u.system) / 1000); process.exit(0); }, ${ms});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (exit) => (exit === 0 ? resolve(Number(out.trim())) : reject(new Error(`idle node exited ${exit}`))));
  });
}

const dir = await mkdtemp(join(tmpdir(), 'clove-bench-monitor-'));
await chmod(dir, 0o755);
const port = await freePorts(1);
const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), logFile: join(dir, 'postgres.log'), port, password: randomUUID() });
const children = [];
let code = 0;
try {
  await migrate({ databaseUrl: postgres.url, schema: 'monitor', dir: join(root, 'services/monitor/migrations') });
  const pool = createPool({ connectionString: postgres.url, schema: 'monitor', max: 4 });
  const samples = new SampleRepository(pool, { rawHours: 26, rollupDays: 30 });
  const postmasterPid = Number((await readFile(join(postgres.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);

  // 1. The sampler's cost: 50 real processes, listed as managed replicas of 5 deployments.
  const deployments = Array.from({ length: 5 }, () => randomUUID());
  for (let i = 0; i < processCount; i++) children.push(spawn('sleep', ['3600'], { stdio: 'ignore' }));
  const replicas = children.map((child, i) => ({
    namespace: `perf-bench-${i % 5}`, deploymentId: deployments[i % 5], workload: 'ticketing-r1', component: 'ticketing',
    replica: `ticketing-r1-${i}`, node: 'local', state: 'running', ready: true, restarts: 0, startedAt: new Date().toISOString(),
    pid: child.pid, address: `http://127.0.0.1:${40000 + i}`, cpuLimitCores: 1, memoryLimitBytes: 512 * 2 ** 20,
  }));
  // What PostgreSQL and an idle Node.js process cost with nothing to do, over the same time:
  // the floor every process of this machine pays, which sampling adds to.
  const floorMs = ticks * intervalMs;
  const pgIdleBefore = await postgresCpuSeconds(postmasterPid);
  const nodeIdle = idleNodeCpu(floorMs);
  await new Promise((resolve) => setTimeout(resolve, floorMs));
  const pgIdlePercent = ((await postgresCpuSeconds(postmasterPid) - pgIdleBefore) / (floorMs / 1000)) * 100;
  const nodeIdlePercent = ((await nodeIdle) / floorMs) * 100;

  // Sampled from a process of its own, as the monitor runs, which reports its CPU use.
  const pgBefore = await postgresCpuSeconds(postmasterPid);
  const report = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench/monitor-sampler.mjs'), JSON.stringify({ databaseUrl: postgres.url, intervalMs, ticks, replicas })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (exit) => (exit === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`the sampling process exited ${exit}`))));
  });
  const wallSeconds = report.wallMs / 1000;
  const samplerPercent = (report.cpuMs / report.wallMs) * 100;
  const pgPercent = ((await postgresCpuSeconds(postmasterPid) - pgBefore) / wallSeconds) * 100;
  const perTickMs = report.insideMs / ticks;

  // 2. A 24-hour query over 24 hours of 50 replicas sampled every 5 s.
  await pool.query('truncate samples');
  const insertStarted = performance.now();
  await pool.query(
    `insert into samples (at, namespace, deployment_id, component, replica, node, cpu_cores, memory_bytes, cpu_limit, memory_limit, ready, restarts)
     select now() - make_interval(secs => s * 5), 'perf-bench-' || (r % 5), ($1::uuid[])[(r % 5) + 1], 'ticketing', 'ticketing-r1-' || r, 'local',
            random(), (100 + random() * 50) * 1048576, 1, 536870912, true, 0
       from generate_series(0, 17279) s, generate_series(0, $2 - 1) r`,
    [deployments, processCount],
  );
  await pool.query('analyze samples');
  const rows = Number((await pool.query('select count(*) from samples')).rows[0].count);
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  // A running monitor averages every complete minute as it goes; here the whole day at once.
  const rollupStarted = performance.now();
  await samples.rollUpAndPrune();
  await pool.query('analyze samples_minute');
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  const source = new EmbeddedSource(samples);
  const latencies = [];
  let seriesCount = 0;
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const series = await source.serverSeries({ deploymentId: deployments[i % 5], namespace: `perf-bench-${i % 5}`, from: new Date(Date.now() - 86_400_000), to: new Date(), stepSeconds: 60 });
    latencies.push(performance.now() - started);
    seriesCount = series.length;
  }
  latencies.sort((a, b) => a - b);
  const p50 = latencies[Math.floor(latencies.length * 0.5)];
  const p95 = latencies[Math.floor(latencies.length * 0.95)];
  await pool.end();

  const added = Math.max(0, samplerPercent - nodeIdlePercent) + Math.max(0, pgPercent - pgIdlePercent);
  const met = { samplerCpu: added < TARGETS.samplerCpuPercentOfOneCore, query24h: p95 < TARGETS.query24hMs };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  console.log([
    '',
    `Monitoring benchmark — ${new Date().toISOString()}`,
    `machine: ${JSON.stringify(machineInfo())}`,
    `sampler: ${processCount} processes every ${intervalMs} ms for ${ticks} ticks (${wallSeconds.toFixed(1)} s): sampling process ${samplerPercent.toFixed(2)} % of one core (${perTickMs.toFixed(1)} ms of CPU per sample), PostgreSQL ${pgPercent.toFixed(2)} %; in total ${(samplerPercent + pgPercent).toFixed(2)} %`,
    `  idle floor over the same time: an idle Node.js process ${nodeIdlePercent.toFixed(2)} %, PostgreSQL ${pgIdlePercent.toFixed(2)} %`,
    `  CPU that monitoring adds: ${added.toFixed(2)} % of one core (target < ${TARGETS.samplerCpuPercentOfOneCore} %: ${verdict(met.samplerCpu)})`,
    `24-hour query: ${rows.toLocaleString('en')} samples (24 h of ${processCount} replicas every 5 s, written in ${insertSeconds.toFixed(1)} s, averaged per minute in ${rollupSeconds.toFixed(1)} s); one deployment's 10 replicas at one point a minute → ${seriesCount} series of 1,440 points: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < ${TARGETS.query24hMs} ms: ${verdict(met.query24h)})`,
  ].join('\n'));
  if (!Object.values(met).every(Boolean)) code = 1;
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  for (const child of children) child.kill();
  await postgres.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(code);
