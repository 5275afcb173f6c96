import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusConfig } from '../../../services/monitor/dist/prometheus/prometheus-config.js';
import { eventually } from './http.js';
import { freePortRange } from './ports.js';

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface RunningPrometheus {
  url: string;
  /** The discovery file it reads its targets from. */
  targetsFile: string;
  stop: () => Promise<void>;
}

/** A real Prometheus (Debian's package) scraping what a discovery file names, every second. */
export async function startPrometheus(): Promise<RunningPrometheus> {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: install Debian's prometheus package (.ci/run does)`);
  const dir = await mkdtemp(join(tmpdir(), 'clove-prometheus-'));
  const targetsFile = join(dir, 'targets', 'targets.json');
  await mkdir(join(dir, 'targets'));
  await writeFile(targetsFile, '[]\n');
  await writeFile(join(dir, 'prometheus.yml'), prometheusConfig({ targetsFile, scrapeIntervalSeconds: 1 }));
  const port = await freePortRange(1);
  let log = '';
  const child = spawn(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${log.slice(-2000)}`);
    return (await fetch(`${url}/-/ready`)).ok;
  }, 30_000, 'Prometheus to be ready');
  return {
    url,
    targetsFile,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
