import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { processIdentity } from '@clove/kit';
import { ReplicaRegistry, type ReplicaRecord } from './replica-registry.js';

describe('ReplicaRegistry', () => {
  let root: string;
  let counter = 0;
  const file = () => join(root, `registry-${++counter}`, 'replicas.json');

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-registry-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const record = (name: string, pid = process.pid, identity = processIdentity(process.pid)!): ReplicaRecord => ({
    namespace: 'perf-gala', workload: 'ticketing-r1', name, fingerprint: 'f1', pid, identity, port: 40_000, since: new Date().toISOString(), restarts: 0,
  });

  it('keeps the running replicas in its file, whole after every change, with no temporary file left', async () => {
    const path = file();
    const registry = new ReplicaRegistry(path);
    const writes = [];
    for (let i = 0; i < 20; i++) writes.push(registry.record(record(`ticketing-r1-${i}`)));
    writes.push(registry.forget({ namespace: 'perf-gala', name: 'ticketing-r1-0' }));
    await Promise.all(writes);
    const saved = JSON.parse(await readFile(path, 'utf8')) as { replicas: ReplicaRecord[] };
    assert.equal(saved.replicas.length, 19);
    assert.ok(!saved.replicas.some((r) => r.name === 'ticketing-r1-0'));
    assert.deepEqual(await readdir(join(path, '..')), ['replicas.json']);
  });

  it('gives back only replicas still running as the same process, and keeps them recorded', async () => {
    const path = file();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exitedIdentity = processIdentity(child.pid!)!;
    child.kill('SIGKILL');
    await once(child, 'exit');
    const before = new ReplicaRegistry(path);
    await before.record(record('running'));
    await before.record(record('exited', child.pid!, exitedIdentity));
    await before.record(record('pid-reused', process.pid, 'another boot:42'));

    const after = new ReplicaRegistry(path);
    assert.deepEqual(after.survivors().map((r) => r.name), ['running']);
    await after.record(record('started-later'));
    const saved = JSON.parse(await readFile(path, 'utf8')) as { replicas: ReplicaRecord[] };
    assert.deepEqual(saved.replicas.map((r) => r.name).sort(), ['running', 'started-later'], 'a survivor stays recorded until adopted or forgotten');
  });

  it('starts empty from a missing, torn or foreign file', async () => {
    const path = file();
    assert.deepEqual(new ReplicaRegistry(path).survivors(), []);
    await new ReplicaRegistry(path).record(record('x'));
    await writeFile(path, '{"version":1,"replicas":[{"name":');
    assert.deepEqual(new ReplicaRegistry(path).survivors(), []);
    await writeFile(path, JSON.stringify({ version: 99, replicas: [record('x')] }));
    assert.deepEqual(new ReplicaRegistry(path).survivors(), []);
  });
});
