import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStep, runWorkflow, WorkflowFailed, WorkflowInterrupted, type StepState } from './workflow.js';

describe('runWorkflow', () => {
  it('undoes the steps done before a failing one, in reverse order, and names the failing step', async () => {
    const journal: string[] = [];
    const progress: Array<[string, StepState]> = [];
    const steps = [
      createStep<null>('namespace', async () => { journal.push('+namespace'); }, async () => { journal.push('-namespace'); }),
      createStep<null>('database', async () => { journal.push('+database'); }, async () => { journal.push('-database'); }),
      createStep<null>('ready', async () => { throw new Error('never ready'); }),
    ];
    await assert.rejects(runWorkflow(steps, null, async (step, state) => { progress.push([step, state]); }), (error: unknown) => {
      assert.ok(error instanceof WorkflowFailed);
      assert.equal(error.step, 'ready');
      assert.match(error.message, /ready: never ready/);
      return true;
    });
    assert.deepEqual(journal, ['+namespace', '+database', '-database', '-namespace']);
    assert.deepEqual(progress.slice(-3), [['ready', 'failed'], ['database', 'undone'], ['namespace', 'undone']]);
  });

  it('keeps undoing when one undo fails, and reports it', async () => {
    const journal: string[] = [];
    const steps = [
      createStep<null>('a', async () => undefined, async () => { journal.push('-a'); }),
      createStep<null>('b', async () => undefined, async () => { throw new Error('b stuck'); }),
      createStep<null>('c', async () => { throw new Error('c broke'); }),
    ];
    const error = await runWorkflow(steps, null, async () => undefined).catch((e: unknown) => e);
    assert.ok(error instanceof WorkflowFailed);
    assert.deepEqual(error.undoFailures, ['b: b stuck']);
    assert.deepEqual(journal, ['-a']);
  });

  it('stops without undoing anything when interrupted', async () => {
    const journal: string[] = [];
    const stopping = new AbortController();
    const steps = [
      createStep<null>('a', async () => { journal.push('+a'); }, async () => { journal.push('-a'); }),
      createStep<null>('b', async () => { stopping.abort(); throw new Error('process stopped'); }),
    ];
    await assert.rejects(runWorkflow(steps, null, async () => undefined, stopping.signal), WorkflowInterrupted);
    assert.deepEqual(journal, ['+a']);
  });

  it('runs every step once when all succeed', async () => {
    let count = 0;
    await runWorkflow([createStep<null>('a', async () => { count++; }), createStep<null>('b', async () => { count++; })], null, async () => undefined);
    assert.equal(count, 2);
  });
});
