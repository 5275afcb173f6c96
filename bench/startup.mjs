#!/usr/bin/env node
// Measures the embedded platform's start-up time to "ready" (first start with a new data
// folder, then a restart on the same data) and its idle memory: the RSS sum of the launcher
// and every process under it (services, gateway, PostgreSQL), after it settles.
// Usage: npm run bench:startup [-- --idle-seconds 10]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, chmod } from 'node:fs/promises';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'idle-seconds': { type: 'string', default: '10' } } });
const idleMs = Number(values['idle-seconds']) * 1000;
const root = new URL('..', import.meta.url).pathname;
const stateDir = await mkdtemp(join(tmpdir(), 'clove-bench-'));
await chmod(stateDir, 0o755);

async function children() {
  const map = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rollup = await readFile(`/proc/${name}/smaps_rollup`, 'utf8').catch(() => '');
      const pss = Number(/Pss:\s+(\d+) kB/.exec(rollup)?.[1] ?? 0) * 1024;
      map.set(Number(name), { ppid, rss, pss, comm });
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

async function treeRss(rootPid) {
  const procs = await children();
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) if (!tree.has(pid) && tree.has(p.ppid)) { tree.add(pid); grew = true; }
  }
  const byName = {};
  let total = 0;
  let pss = 0;
  for (const pid of tree) {
    const p = procs.get(pid);
    if (!p) continue;
    total += p.rss;
    pss += p.pss;
    byName[p.comm] = (byName[p.comm] ?? 0) + p.rss;
  }
  return { total, pss, processes: tree.size, byName };
}

async function run(label) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, 'tools/launcher/dist/main.js')], {
    env: { ...process.env, CLOVE_STATE_DIR: stateDir, CLOVE_GATEWAY_PORT: '18080', CLOVE_PORT_BASE: '18100', CLOVE_PG_PORT: '18432' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => { out += c; if (out.includes('Clove is ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`launcher exited ${code}\n${out}`)));
  });
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const reported = Number(/ready in (\d+) ms/.exec(out)?.[1]);
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const memory = await treeRss(child.pid);
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  return { label, readyMs: Math.round(readyMs), launcherReportedMs: reported, idleRssMiB: +(memory.total / 2 ** 20).toFixed(1), idlePssMiB: +(memory.pss / 2 ** 20).toFixed(1), processes: memory.processes, rssMiBByProcess: Object.fromEntries(Object.entries(memory.byName).map(([k, v]) => [k, +(v / 2 ** 20).toFixed(1)])) };
}

try {
  const results = [await run('first start (new data folder)'), await run('restart (existing data)')];
  console.log(JSON.stringify({
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
    idleSeconds: idleMs / 1000,
    results,
  }, null, 2));
} finally {
  await rm(stateDir, { recursive: true, force: true });
}
