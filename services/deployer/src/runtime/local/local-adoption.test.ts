import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lifelineOf, processIdentity } from '@clove/kit';
import { eventually, workloadDocuments } from '../contract.js';
import type { KubeDocument, WorkloadStatus } from '../driver.js';
import { LocalDriver } from './local-driver.js';
import { MemoryRouteTable, type GatewayRoute } from './route-table.client.js';

/** A replica that runs on when its supervisor goes away, as services given a lifeline do. */
const replica = `
import { createServer } from 'node:http';
const server = createServer((request, response) => {
  if (request.url === '/readyz') { response.end(); return; }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ pid: process.pid }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.address().port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
if (!process.env.CLOVE_LIFELINE) process.on('disconnect', () => process.exit(0));
`;

/** A run of the deployer's local runtime in a process of its own, killed by the test. */
const previousRun = (root: string) => `
import { LocalDriver } from ${JSON.stringify(new URL('./local-driver.js', import.meta.url).href)};
import { MemoryRouteTable } from ${JSON.stringify(new URL('./route-table.client.js', import.meta.url).href)};
const routes = new MemoryRouteTable();
const driver = new LocalDriver({
  servicesDir: ${JSON.stringify(join(root, 'services'))}, logDir: ${JSON.stringify(join(root, 'logs'))}, stateDir: ${JSON.stringify(join(root, 'state'))},
  routes, lifeline: process.env.LIFELINE,
});
for (const { namespace, documents } of JSON.parse(process.env.APPLY)) {
  await driver.ensureNamespace({ name: namespace, labels: {} });
  await driver.apply(namespace, documents);
  await driver.waitReady(namespace, documents.filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name), 60_000);
}
while ([...routes.routes.values()].some((r) => r.upstreams.length === 0) || routes.routes.size === 0) await new Promise((r) => setTimeout(r, 20));
const status = {};
for (const { namespace } of JSON.parse(process.env.APPLY)) status[namespace] = await driver.status(namespace);
console.log(JSON.stringify({ status, routes: [...routes.routes.values()] }));
setInterval(() => {}, 1000);
`;

const documents = (replicas: number, slug = 'gala') => workloadDocuments({ app: 'ticketing', revision: 1, image: 'clove/adopt-app:builtin', port: 8080, replicas })
  .map((d) => d.kind === 'Deployment' ? withSlug(d, slug) : d);

/** The Deployment with another value of its SLUG variable: another pod recipe. */
function withSlug(document: KubeDocument, slug: string): KubeDocument {
  const copy = structuredClone(document) as any;
  copy.spec.template.spec.containers[0].env = [{ name: 'SLUG', value: slug }];
  return copy;
}

async function pidAt(address: string): Promise<number> {
  return ((await (await fetch(address)).json()) as { pid: number }).pid;
}

const running = (pid: number) => processIdentity(pid) !== null;

describe('local runtime: replicas outlive a crash of the deployer and are adopted', () => {
  let root: string;
  const lifeline = lifelineOf(process.pid)!;
  const started: number[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-local-adopt-'));
    await mkdir(join(root, 'services', 'adopt-app', 'dist'), { recursive: true });
    await writeFile(join(root, 'services', 'adopt-app', 'dist', 'server.js'), replica);
    await writeFile(join(root, 'previous-run.mjs'), previousRun(root));
  });
  after(async () => {
    for (const pid of started) if (running(pid)) process.kill(pid, 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  /** Runs the runtime in another process until its replicas are ready and routed, then kills it with SIGKILL. */
  async function crashedRun(apply: Array<{ namespace: string; documents: KubeDocument[] }>) {
    const run = spawn(process.execPath, [join(root, 'previous-run.mjs')], {
      env: { ...process.env, LIFELINE: lifeline, APPLY: JSON.stringify(apply) }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = await once(run.stdout!, 'data') as [Buffer];
    const left = JSON.parse(line.toString()) as { status: Record<string, WorkloadStatus[]>; routes: Array<{ prefix: string; upstreams: string[] }> };
    for (const statuses of Object.values(left.status)) for (const s of statuses) started.push(...s.replicas.map((r) => r.pid!));
    run.kill('SIGKILL');
    await once(run, 'exit');
    return left;
  }

  const driverOf = (routes = new MemoryRouteTable()) => new LocalDriver({
    servicesDir: join(root, 'services'), logDir: join(root, 'logs'), stateDir: join(root, 'state'), routes, lifeline,
  });

  it('adopts the replicas (same pids, same addresses, same route) and scales, restarts and stops them', async () => {
    const left = await crashedRun([{ namespace: 'perf-gala', documents: documents(2) }]);
    const before = left.status['perf-gala']![0]!.replicas;
    assert.equal(before.length, 2);
    for (const r of before) {
      assert.ok(running(r.pid!), 'the replica outlived the deployer');
      assert.equal(await pidAt(r.address!), r.pid, 'and still answers');
    }

    const routes = new MemoryRouteTable();
    const driver = driverOf(routes);
    try {
      await driver.ensureNamespace({ name: 'perf-gala', labels: {} });
      await driver.apply('perf-gala', documents(2));
      await driver.waitReady('perf-gala', ['ticketing-r1'], 10_000);
      const adopted = (await driver.status('perf-gala'))[0]!;
      assert.deepEqual(adopted.replicas.map((r) => [r.name, r.pid, r.address, r.startedAt]), before.map((r) => [r.name, r.pid, r.address, r.startedAt]));
      assert.equal((await driver.listContainers('perf-gala')).length, 2);
      const route = await eventually(async () => routes.routes.get('/e/gala'), (r) => r?.upstreams.length === 2);
      assert.deepEqual([...route!.upstreams].sort(), [...left.routes[0]!.upstreams].sort(), 'the route points at the same replicas');
      await driver.move('perf-gala', 'ticketing-r1', driver.nodeName);

      // An adopted replica that crashes is started again.
      process.kill(before[0]!.pid!, 'SIGKILL');
      const restarted = await eventually(async () => (await driver.status('perf-gala'))[0]!.replicas[0]!,
        (r) => r.ready && r.pid !== before[0]!.pid, 10_000);
      started.push(restarted.pid!);
      assert.equal(restarted.restarts, 1);
      assert.equal(restarted.name, before[0]!.name);
      await eventually(async () => routes.routes.get('/e/gala')!.upstreams, (u) => u.includes(restarted.address!) && !u.includes(before[0]!.address!));

      // Scaling out names new replicas after the adopted ones; scaling in stops adopted ones.
      await driver.scale('perf-gala', 'ticketing-r1', 3);
      await driver.waitReady('perf-gala', ['ticketing-r1'], 10_000);
      const three = (await driver.status('perf-gala'))[0]!.replicas;
      started.push(...three.map((r) => r.pid!));
      assert.deepEqual(three.map((r) => r.name), ['ticketing-r1-0', 'ticketing-r1-1', 'ticketing-r1-2']);
      await driver.scale('perf-gala', 'ticketing-r1', 1);
      await eventually(async () => running(before[1]!.pid!), (alive) => !alive, 15_000);

      // The record follows: the replicas scaled away are forgotten once stopped.
      const recorded = async () => (JSON.parse(await readFile(join(root, 'state', 'replicas.json'), 'utf8')) as { replicas: Array<{ name: string; pid: number }> })
        .replicas.map((r) => [r.name, r.pid]);
      await eventually(recorded, (r) => JSON.stringify(r) === JSON.stringify([[restarted.name, restarted.pid]]), 15_000);
    } finally {
      await driver.close();
    }
    assert.ok(started.every((pid) => !running(pid)), 'closing the runtime stops adopted replicas too');
    const recorded = JSON.parse(await readFile(join(root, 'state', 'replicas.json'), 'utf8')) as { replicas: unknown[] };
    assert.deepEqual(recorded.replicas, []);
  });

  it('keeps a survivor of another recipe serving until its replacement is ready, then stops it', async () => {
    const left = await crashedRun([{ namespace: 'perf-upgrade', documents: documents(1) }]);
    const survivor = left.status['perf-upgrade']![0]!.replicas[0]!;
    // The gateway's table outlives the deployer: it still sends the route's requests to the survivor.
    const routes = new MemoryRouteTable();
    for (const route of left.routes) await routes.put(route as GatewayRoute);
    const prefix = left.routes[0]!.prefix;
    let changing = true;
    const failures: string[] = [];
    let served = 0;
    const traffic = (async () => {
      while (changing) {
        for (const upstream of routes.routes.get(prefix)?.upstreams ?? []) {
          try {
            await pidAt(upstream);
            served++;
          } catch (error) {
            failures.push(`${upstream}: ${(error as Error).cause ?? error}`);
          }
        }
      }
    })();
    const driver = driverOf(routes);
    try {
      await driver.ensureNamespace({ name: 'perf-upgrade', labels: {} });
      await driver.apply('perf-upgrade', documents(1, 'another'));
      await driver.waitReady('perf-upgrade', ['ticketing-r1'], 10_000);
      const replacement = (await driver.status('perf-upgrade'))[0]!.replicas[0]!;
      started.push(replacement.pid!);
      await eventually(async () => running(survivor.pid!), (alive) => !alive, 15_000);
      assert.deepEqual(routes.routes.get(prefix)?.upstreams, [replacement.address], 'the replacement alone takes the traffic');
    } finally {
      changing = false;
      await traffic;
      await driver.close();
    }
    assert.ok(served > 0);
    assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${served + failures.length} requests failed`);
  });

  it('stops survivors of another recipe, of a removed Deployment or namespace, and those nobody adopts', async () => {
    const left = await crashedRun([
      { namespace: 'perf-changed', documents: documents(1) },
      { namespace: 'perf-removed', documents: documents(1) },
      { namespace: 'perf-deleted', documents: documents(1) },
      { namespace: 'perf-forgotten', documents: documents(1) },
    ]);
    const pidOf = (namespace: string) => left.status[namespace]![0]!.replicas[0]!.pid!;
    const driver = driverOf();
    try {
      await driver.ensureNamespace({ name: 'perf-changed', labels: {} });
      await driver.apply('perf-changed', documents(1, 'another'));
      await driver.waitReady('perf-changed', ['ticketing-r1'], 10_000);
      const replaced = (await driver.status('perf-changed'))[0]!.replicas[0]!;
      started.push(replaced.pid!);
      assert.notEqual(replaced.pid, pidOf('perf-changed'));
      assert.equal(replaced.name, 'ticketing-r1-1', 'a new name beside the survivor it replaces');
      await eventually(async () => running(pidOf('perf-changed')), (alive) => !alive, 15_000); // the survivor of the old recipe stops once replaced

      await driver.remove('perf-removed', [{ kind: 'Deployment', name: 'ticketing-r1' }]);
      assert.equal(running(pidOf('perf-removed')), false);
      await driver.deleteNamespace('perf-deleted');
      assert.equal(running(pidOf('perf-deleted')), false);

      assert.ok(running(pidOf('perf-forgotten')), 'left alone until the deployments are back');
      await driver.recovered();
      assert.equal(running(pidOf('perf-forgotten')), false);
    } finally {
      await driver.close();
    }
  });
});
