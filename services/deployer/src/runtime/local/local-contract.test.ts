import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, runtimeContract, workloadDocuments } from '../contract.js';
import type { SlowStop } from '@clove/kit';
import { LocalDriver } from './local-driver.js';
import { MemoryRouteTable } from './route-table.client.js';

/**
 * A tiny service as the local runtime runs it: listens where told, reports its port, answers
 * /readyz. GET /slow sends its headers at once and ends its body when the process gets SIGUSR2:
 * a request still in flight.
 */
const server = (ready: boolean) => `
import { createServer } from 'node:http';
const server = createServer((request, response) => {
  if (request.url === '/readyz') { response.statusCode = ${ready ? 200 : 503}; response.end(); return; }
  if (request.url === '/slow') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('started ');
    process.once('SIGUSR2', () => response.end('finished'));
    return;
  }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ pid: process.pid, token: process.env.DEPLOYMENT_TOKEN ?? null }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.address().port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
`;

async function servicesIn(root: string): Promise<void> {
  for (const [name, ready] of [['contract-app', true], ['contract-never-ready', false]] as const) {
    await mkdir(join(root, 'services', name, 'dist'), { recursive: true });
    await writeFile(join(root, 'services', name, 'dist', 'server.js'), server(ready));
  }
}

runtimeContract('local', async () => {
  const root = await mkdtemp(join(tmpdir(), 'clove-local-runtime-'));
  await servicesIn(root);
  const driver = new LocalDriver({ servicesDir: join(root, 'services'), logDir: join(root, 'logs'), routes: new MemoryRouteTable() });
  return {
    driver,
    image: 'clove/contract-app:builtin',
    neverReadyImage: 'clove/contract-never-ready:builtin',
    port: 8080,
    node: driver.nodeName,
    dispose: async () => {
      await driver.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('local runtime: scaling in', () => {
  let root: string;
  let driver: LocalDriver;
  const slowStops: { replica: string; stop: SlowStop }[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-local-scale-'));
    await servicesIn(root);
    driver = new LocalDriver({
      servicesDir: join(root, 'services'), logDir: join(root, 'logs'), routes: new MemoryRouteTable(),
      slowStopMs: 300, onSlowStop: (replica, stop) => slowStops.push({ replica, stop }),
    });
  });

  after(async () => {
    await driver.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers a scale at once while a replica going away still finishes its in-flight request', async () => {
    await driver.ensureNamespace({ name: 'scale-in', labels: {} });
    await driver.apply('scale-in', workloadDocuments({ app: 'ticketing', revision: 1, image: 'clove/contract-app:builtin', port: 8080, replicas: 1 }));
    await driver.waitReady('scale-in', ['ticketing-r1'], 60_000);
    const [replica] = (await driver.status('scale-in'))[0]!.replicas;
    assert.ok(replica?.address && replica.pid, JSON.stringify(replica));

    const slow = request(`${replica.address}/slow`);
    slow.end();
    const [response] = (await once(slow, 'response')) as [IncomingMessage];
    let body = '';
    response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    const ended = once(response, 'end');

    // The replica cannot stop before its request ends, and it ends only when told to: a scale
    // that waited for the replica to stop would never answer here.
    await driver.scale('scale-in', 'ticketing-r1', 0);
    const [scaled] = await driver.status('scale-in');
    assert.deepEqual([scaled!.desiredReplicas, scaled!.readyReplicas, scaled!.replicas.length], [0, 0, 0]);
    assert.ok(isAlive(replica.pid), 'the replica is still finishing its request');

    // A replica that takes long to stop is told (the deployer logs it), while it lasts.
    await eventually(async () => slowStops.length, (n) => n > 0, 15_000);
    assert.equal(slowStops[0]!.replica, `scale-in/${replica.name}`);
    assert.equal(slowStops[0]!.stop.stopped, false);
    assert.ok(slowStops[0]!.stop.afterMs >= 300, JSON.stringify(slowStops[0]));

    process.kill(replica.pid, 'SIGUSR2');
    await ended;
    assert.equal(response.statusCode, 200);
    assert.equal(body, 'started finished', 'the in-flight request was answered in full');
    await eventually(async () => isAlive(replica.pid!), (alive) => !alive, 15_000);

    // ... and again once it is gone, with how long it took, not killed: it finished its request.
    const gone = await eventually(async () => slowStops.find((s) => s.stop.stopped), (s) => s !== undefined, 15_000);
    assert.equal(gone!.replica, `scale-in/${replica.name}`);
    assert.equal(gone!.stop.killed, false);
    assert.ok(gone!.stop.afterMs >= slowStops[0]!.stop.afterMs, JSON.stringify(slowStops));
    assert.equal(slowStops.length, 2, JSON.stringify(slowStops));
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
