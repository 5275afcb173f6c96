import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { lifelineHolds, lifelineOf, watchLifeline } from './lifeline.js';

describe('lifeline', () => {
  it('holds while its process runs and tells once when it is gone', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const lifeline = lifelineOf(holder.pid!);
    assert.ok(lifeline);
    assert.ok(lifelineHolds(lifeline));
    let told = 0;
    const gone = new Promise<void>((resolve) => watchLifeline(lifeline, () => {
      told += 1;
      resolve();
    }, 20));
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    // The watch does not keep a process running; the test waits for it.
    const wait = setTimeout(() => undefined, 5_000);
    await gone;
    clearTimeout(wait);
    assert.equal(lifelineHolds(lifeline), false);
    assert.equal(told, 1);
  });

  it('does not hold for a pid that now names another process, or for a malformed value', () => {
    const mine = lifelineOf(process.pid)!;
    const [, identity] = mine.split('@');
    assert.equal(lifelineHolds(`${process.ppid}@${identity}`), false);
    assert.equal(lifelineHolds(`${process.pid}@`), false);
    assert.equal(lifelineHolds('nonsense'), false);
    assert.equal(lifelineOf(0), null);
  });
});
