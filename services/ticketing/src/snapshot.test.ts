import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Snapshot } from './snapshot.js';

/** A load the test finishes itself, and a count of the loads started. */
function controlledLoads() {
  const pending: Array<(value: string) => void> = [];
  return {
    load: () => new Promise<string>((resolve) => pending.push(resolve)),
    started: () => pending.length,
    finish: (n: number, value: string) => pending[n]!(value),
  };
}

describe('Snapshot', () => {
  it('gives every caller of one period the same load', async () => {
    const loads = controlledLoads();
    const snapshot = new Snapshot(loads.load, 60_000);
    const asked = [snapshot.get(), snapshot.get(), snapshot.get()];
    assert.equal(loads.started(), 1, 'callers while a load runs share it');
    loads.finish(0, 'first');
    assert.deepEqual(await Promise.all(asked), ['first', 'first', 'first']);
    assert.equal(await snapshot.get(), 'first', 'kept for the period');
    assert.equal(loads.started(), 1);
  });

  it('loads again after forget', async () => {
    const loads = controlledLoads();
    const snapshot = new Snapshot(loads.load, 60_000);
    const first = snapshot.get();
    loads.finish(0, 'before');
    await first;
    snapshot.forget();
    const second = snapshot.get();
    assert.equal(loads.started(), 2);
    loads.finish(1, 'after');
    assert.equal(await second, 'after');
  });

  it('does not keep or hand out a load that was under way when it was told to forget', async () => {
    const loads = controlledLoads();
    const snapshot = new Snapshot(loads.load, 60_000);
    const early = snapshot.get();
    snapshot.forget(); // the value changed while it was being read
    const late = snapshot.get();
    assert.equal(loads.started(), 2, 'a caller after forget starts a load of its own');
    loads.finish(1, 'new');
    loads.finish(0, 'old');
    assert.equal(await early, 'old', 'the earlier caller gets what it asked for');
    assert.equal(await late, 'new');
    assert.equal(await snapshot.get(), 'new', 'the load from before forget is not kept');
    assert.equal(loads.started(), 2);
  });

  it('keeps no failed load', async () => {
    let calls = 0;
    const snapshot = new Snapshot(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return 'back';
    }, 60_000);
    await assert.rejects(snapshot.get(), /database away/);
    assert.equal(await snapshot.get(), 'back');
  });
});
