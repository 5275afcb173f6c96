/**
 * Runs a real Prometheus (Debian's `prometheus` package) against two in-process replicas that
 * serve process metrics, discovered through the file written by writeScrapeTargets.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ManagedReplica, Series } from '../metrics/metrics-source.js';
import { PrometheusApi } from './prometheus-api.js';
import { prometheusConfig } from './prometheus-config.js';
import { PrometheusSource } from './prometheus-source.js';
import { writeScrapeTargets } from './scrape-targets.js';

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const MiB = 1024 * 1024;

interface FakeReplica {
  replica: string;
  cores: number;
  memory: number;
}

/** A replica's /metrics: a CPU counter growing at `cores` per second and a fixed resident size. */
async function serveMetrics(fake: FakeReplica): Promise<Server> {
  const started = Date.now();
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    const cpuSeconds = 3 + (fake.cores * (Date.now() - started)) / 1000;
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    response.end(
      [
        '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
        '# TYPE process_cpu_seconds_total counter',
        `process_cpu_seconds_total{service="ticketing"} ${cpuSeconds}`,
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes{service="ticketing"} ${fake.memory}`,
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `probe` until it returns a value; fails with the last error and Prometheus' log otherwise. */
async function waitFor<T>(what: string, prometheus: ChildProcess, log: () => string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    if (prometheus.exitCode !== null || prometheus.signalCode !== null) {
      assert.fail(`Prometheus exited (${prometheus.exitCode ?? prometheus.signalCode}) while waiting for ${what}:\n${log()}`);
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      assert.fail(`Timed out after ${timeoutMs} ms waiting for ${what} (last error: ${String(last)}):\n${log()}`);
    }
    await delay(250);
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('PrometheusSource with a real Prometheus', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('scrapes the discovered replicas and answers their CPU and memory series', { timeout: 180_000 }, async () => {
    assert.ok(
      existsSync(PROMETHEUS),
      `${PROMETHEUS} is missing: install Debian's prometheus package (apt-get install -y --no-install-recommends prometheus)`,
    );
    const folder = await mkdtemp(join(tmpdir(), 'clove-prometheus-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));

    const fakes: FakeReplica[] = [
      { replica: 'ticketing-r1-0', cores: 0.25, memory: 96 * MiB },
      { replica: 'ticketing-r1-1', cores: 0.5, memory: 160 * MiB },
    ];
    const replicas: ManagedReplica[] = [];
    for (const fake of fakes) {
      const server = await serveMetrics(fake);
      cleanups.push(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      });
      replicas.push({
        namespace: 'perf-demo', deploymentId: 'd-demo', workload: 'ticketing-r1', component: 'ticketing',
        replica: fake.replica, node: 'local', state: 'Running', ready: true, restarts: 0, startedAt: null,
        pid: process.pid, address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
    }
    const targetsFile = join(folder, 'targets.json');
    const configFile = join(folder, 'prometheus.yml');
    await writeScrapeTargets(targetsFile, replicas);
    await writeFile(configFile, prometheusConfig({ targetsFile, scrapeIntervalSeconds: 1 }));

    const port = await freePort();
    const startedAt = Date.now();
    const prometheus = spawn(
      PROMETHEUS,
      [`--config.file=${configFile}`, `--storage.tsdb.path=${join(folder, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => stopProcess(prometheus));
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    prometheus.stdout?.on('data', keep);
    prometheus.stderr?.on('data', keep);
    const log = () => output;
    const url = `http://127.0.0.1:${port}`;

    const api = new PrometheusApi(url, 2000);
    const up = await waitFor('both replicas to be scraped', prometheus, log, async () => {
      const samples = await api.query('up{namespace="perf-demo"}');
      return samples.length === 2 && samples.every((s) => s.value[1] === '1') ? samples : undefined;
    });
    const upAfter = Date.now() - startedAt;
    assert.deepEqual(
      up.map((s) => [s.metric.job, s.metric.component, s.metric.replica, s.metric.deployment, s.metric.workload]).sort(),
      fakes.map((f) => ['clove', 'ticketing', f.replica, 'd-demo', 'ticketing-r1']),
    );

    const source = new PrometheusSource({ url, runtime: 'local', scrapeIntervalSeconds: 1 });
    const series: Series[] = await waitFor('two points of every series', prometheus, log, async () => {
      const to = new Date();
      const from = new Date(to.getTime() - 30_000);
      const answer = await source.serverSeries({ deploymentId: 'd-demo', namespace: 'perf-demo', from, to, stepSeconds: 2 });
      return answer.length === 4 && answer.every((s) => s.points.length >= 2) ? answer : undefined;
    });
    console.log(`Prometheus scraped both replicas after ${upAfter} ms and answered their series after ${Date.now() - startedAt} ms`);

    assert.deepEqual(
      series.map((s) => [s.component, s.replica, s.metric, s.unit]),
      fakes.flatMap((f) => [['ticketing', f.replica, 'cpu', 'cores'], ['ticketing', f.replica, 'memory', 'bytes']]),
    );
    for (const fake of fakes) {
      const memory = series.find((s) => s.replica === fake.replica && s.metric === 'memory');
      const cpu = series.find((s) => s.replica === fake.replica && s.metric === 'cpu');
      assert.ok(memory && cpu);
      for (const [, value] of memory.points) assert.equal(value, fake.memory);
      for (const [, value] of cpu.points) assert.ok(value > 0, `cpu of ${fake.replica} is ${value}`);
      // The latest window is full of samples, so its rate is the counter's slope.
      const latest = cpu.points.at(-1)?.[1] ?? 0;
      assert.ok(Math.abs(latest - fake.cores) < fake.cores * 0.3, `cpu of ${fake.replica} is ${latest}, expected about ${fake.cores}`);
      for (let i = 1; i < cpu.points.length; i++) {
        const gap = (cpu.points[i]?.[0] ?? 0) - (cpu.points[i - 1]?.[0] ?? 0);
        assert.ok(Math.abs(gap - 2) < 1e-6, `one point per 2 s step, got a gap of ${gap} s`);
      }
    }
  });
});
