import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SupervisedProcess, type SlowStop } from './supervised-process.js';

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
