/**
 * A workflow whose every step knows how to undo itself: when a step fails, the steps done
 * before it are undone in reverse order, and the failure is reported with the step's name.
 */
export interface Step<C> {
  name: string;
  run(context: C): Promise<void>;
  /** Undoes what run did; absent when there is nothing to undo. */
  undo?(context: C): Promise<void>;
}

export type StepState = 'started' | 'done' | 'failed' | 'undone' | 'undo-failed';

export type ProgressListener = (step: string, state: StepState, message?: string) => Promise<void>;

export class WorkflowFailed extends Error {
  constructor(readonly step: string, override readonly cause: unknown, readonly undoFailures: string[]) {
    super(`${step}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'WorkflowFailed';
  }
}

export function createStep<C>(name: string, run: Step<C>['run'], undo?: Step<C>['undo']): Step<C> {
  return undo ? { name, run, undo } : { name, run };
}

/** The service is stopping: the workflow ends where it is, undone by nobody; whoever starts next settles it. */
export class WorkflowInterrupted extends Error {
  constructor(readonly step: string) {
    super(`interrupted during ${step}`);
    this.name = 'WorkflowInterrupted';
  }
}

export async function runWorkflow<C>(steps: ReadonlyArray<Step<C>>, context: C, progress: ProgressListener, signal?: AbortSignal): Promise<void> {
  const done: Array<Step<C>> = [];
  for (const step of steps) {
    if (signal?.aborted) throw new WorkflowInterrupted(step.name);
    await progress(step.name, 'started');
    try {
      await step.run(context);
    } catch (error) {
      if (signal?.aborted) throw new WorkflowInterrupted(step.name);
      await progress(step.name, 'failed', (error as Error)?.message ?? String(error));
      const undoFailures = await undoAll(done, context, progress);
      throw new WorkflowFailed(step.name, error, undoFailures);
    }
    done.push(step);
    await progress(step.name, 'done');
  }
}

async function undoAll<C>(done: Array<Step<C>>, context: C, progress: ProgressListener): Promise<string[]> {
  const failures: string[] = [];
  for (const step of [...done].reverse()) {
    if (!step.undo) continue;
    try {
      await step.undo(context);
      await progress(step.name, 'undone');
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      failures.push(`${step.name}: ${message}`);
      await progress(step.name, 'undo-failed', message);
    }
  }
  return failures;
}
