import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { runPeriodically } from './periodic-task.js';

/** A task whose runs end when the test says so. */
function controlledTask() {
  const ends: Array<(error?: Error) => void> = [];
  return {
    runs: () => ends.length,
    task: () => new Promise<void>((resolve, reject) => ends.push((error) => (error ? reject(error) : resolve()))),
    end: (error?: Error) => ends.at(-1)!(error),
  };
}
const unexpected = (error: unknown) => assert.fail(`unexpected failure: ${String(error)}`);
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('runPeriodically', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval'] }));
  afterEach(() => mock.timers.reset());

  it('runs every interval, never two runs at once', async () => {
    const t = controlledTask();
    const stop = runPeriodically(100, t.task, unexpected);
    assert.equal(t.runs(), 0, 'not before the first interval');
    mock.timers.tick(100);
    assert.equal(t.runs(), 1);
    mock.timers.tick(300);
    assert.equal(t.runs(), 1, 'the ticks during a run pass');
    t.end();
    await settled();
    mock.timers.tick(100);
    assert.equal(t.runs(), 2);
    t.end();
    await stop();
  });

  it('runs right away when asked, and goes on after a failed run', async () => {
    const t = controlledTask();
    const errors: unknown[] = [];
    const stop = runPeriodically(100, t.task, (error) => errors.push(error), { immediately: true });
    assert.equal(t.runs(), 1);
    t.end(new Error('database down'));
    await settled();
    assert.deepEqual(errors.map((e) => (e as Error).message), ['database down']);
    mock.timers.tick(100);
    assert.equal(t.runs(), 2);
    t.end();
    await stop();
  });

  it('stops ticking, and its stop waits for the run under way', async () => {
    const t = controlledTask();
    const stop = runPeriodically(100, t.task, unexpected, { immediately: true });
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await settled();
    assert.equal(stopped, false, 'a run is under way');
    t.end();
    await stopping;
    mock.timers.tick(1000);
    assert.equal(t.runs(), 1, 'no run after stop');
  });
});
