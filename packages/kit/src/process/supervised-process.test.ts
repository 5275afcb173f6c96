import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { processIdentity } from './process-identity.js';
import { SupervisedProcess, type AdoptedChild, type SlowStop } from './supervised-process.js';

/** A child that reports itself listening once its SIGTERM handler is in place; it exits on SIGTERM or ignores it. */
const child = (onSigterm: 'exit' | 'ignore') => `
process.on('SIGTERM', () => { ${onSigterm === 'exit' ? 'process.exit(0);' : ''} });
process.send({ type: 'listening', port: 1 });
setInterval(() => {}, 1000);
`;

describe('SupervisedProcess: slow stops', () => {
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-supervised-'));
    await writeFile(join(root, 'exits.mjs'), child('exit'));
    await writeFile(join(root, 'hangs.mjs'), child('ignore'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function started(entry: string): Promise<{ process: SupervisedProcess; told: SlowStop[] }> {
    const process = new SupervisedProcess({
      name: entry, entry: join(root, entry), env: {}, port: 0, logFile: join(root, `${entry}.log`), echoAll: false, quiet: true, slowStopMs: 200,
    });
    const told: SlowStop[] = [];
    process.on('slow-stop', (stop: SlowStop) => told.push(stop));
    process.start();
    for (let i = 0; process.port === 0; i++) {
      assert.ok(i < 200, 'the child reported itself listening');
      await delay(25);
    }
    return { process, told };
  }

  it('tells nothing when the process stops at once', async () => {
    const { process, told } = await started('exits.mjs');
    await process.stop(5_000);
    assert.equal(process.state, 'stopped');
    assert.deepEqual(told, []);
  });

  it('tells a stop that takes long while it lasts, then that the process was killed after the grace period', async () => {
    const { process, told } = await started('hangs.mjs');
    const pid = process.pid!;
    await process.stop(1_000);
    assert.equal(told.length, 2, JSON.stringify(told));
    const [lasting, gone] = told as [SlowStop, SlowStop];
    assert.equal(lasting.stopped, false);
    assert.equal(lasting.killed, false);
    assert.ok(lasting.afterMs >= 200 && lasting.afterMs < 1_000, JSON.stringify(lasting));
    assert.equal(gone.stopped, true);
    assert.equal(gone.killed, true);
    assert.ok(gone.afterMs >= 1_000, JSON.stringify(gone));
    assert.throws(() => globalThis.process.kill(pid, 0), 'the process is gone');
  });
});

describe('SupervisedProcess: adopting a child another supervisor started', () => {
  let root: string;
  const stray: number[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-adopt-'));
    // Runs on when its supervisor goes away; logs a line, exits on SIGTERM.
    await writeFile(join(root, 'replica.mjs'), `
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => {});
console.log('replica ' + process.pid + ' up');
process.send({ type: 'listening', port: 4321 });
setInterval(() => {}, 1000);
`);
  });
  after(async () => {
    for (const pid of stray) if (processIdentity(pid)) process.kill(pid, 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  const spec = (name: string) => ({
    name, entry: join(root, 'replica.mjs'), env: {}, port: 0, logFile: join(root, `${name}.log`), echoAll: false, quiet: true, outputToFile: true,
  });

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (const deadline = Date.now() + 5_000; !condition();) {
      assert.ok(Date.now() < deadline, what);
      await delay(20);
    }
  }

  /** A child as a previous supervisor left it: running, its port known. */
  async function leftRunning(name: string): Promise<AdoptedChild> {
    const previous = new SupervisedProcess(spec(name));
    previous.start();
    await until(() => previous.port !== 0, 'the child reported its port');
    const left = { pid: previous.pid!, identity: previous.identity!, port: previous.port, since: previous.since!.toISOString(), restarts: 2 };
    stray.push(left.pid);
    // The previous supervisor forgets it without stopping it, as if it had crashed.
    previous.removeAllListeners();
    (previous as unknown as { child: null }).child = null;
    return left;
  }

  it('writes the child\'s output straight to the log file', async () => {
    const left = await leftRunning('direct');
    await until(() => existsSync(join(root, 'direct.log')) && readFileSync(join(root, 'direct.log'), 'utf8').includes(`replica ${left.pid} up`), 'the log has the line');
  });

  it('takes over a running child: same pid and port, stopped with SIGTERM when asked', async () => {
    const left = await leftRunning('adopted');
    const adopter = new SupervisedProcess(spec('adopted'));
    adopter.adopt(left);
    assert.equal(adopter.pid, left.pid);
    assert.equal(adopter.port, 4321);
    assert.equal(adopter.state, 'running');
    assert.equal(adopter.restarts, 2);
    assert.equal(adopter.since?.toISOString(), left.since);
    await adopter.stop(5_000);
    assert.equal(adopter.state, 'stopped');
    assert.equal(processIdentity(left.pid), null, 'the adopted child is gone');
  });

  it('restarts an adopted child that crashes, as one it started', async () => {
    const left = await leftRunning('crashing');
    const adopter = new SupervisedProcess(spec('crashing'));
    adopter.adopt(left);
    process.kill(left.pid, 'SIGKILL');
    await until(() => adopter.pid !== left.pid && adopter.state === 'running', 'a new child replaced the crashed one');
    assert.equal(adopter.restarts, 3);
    assert.match(adopter.lastExit ?? '', /adopted/);
    await until(() => adopter.port === 4321, 'the new child reported its port');
    await adopter.stop(5_000);
  });

  it('never signals a pid that now names another process: the child counts as gone and is started again', async () => {
    const bystander = fork(join(root, 'replica.mjs'), [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      const adopter = new SupervisedProcess(spec('reused'));
      adopter.adopt({ pid: bystander.pid!, identity: 'another boot:1', port: 4321, since: new Date().toISOString(), restarts: 0 });
      await adopter.stop(5_000);
      assert.ok(processIdentity(bystander.pid!), 'the process that got the pid is left alone');
      const again = new SupervisedProcess(spec('reused'));
      again.adopt({ pid: bystander.pid!, identity: 'another boot:1', port: 4321, since: new Date().toISOString(), restarts: 0 });
      await until(() => again.pid !== bystander.pid && again.state === 'running', 'a new child was started');
      assert.ok(processIdentity(bystander.pid!), 'still left alone');
      await again.stop(5_000);
    } finally {
      bystander.kill('SIGKILL');
    }
  });
});
