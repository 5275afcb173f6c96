import { isPgError, PgError } from './transaction.js';

/** The error one request of a batch raised, caught in the batch's database function so the others go on. */
export class BatchItemError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BatchItemError';
  }
}

/** How one kind of request reaches the database: alone, or several in one call. */
export interface BatchedCalls<Request, Result> {
  one(request: Request): Promise<Result>;
  /** One result per request, in order; a request that failed on its own gives its BatchItemError. */
  many(requests: Request[]): Promise<Array<Result | BatchItemError>>;
}

interface Pending<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

const deadlocked = (error: unknown) => (error as { code?: string }).code === PgError.DEADLOCK_DETECTED;

/**
 * Runs the requests that arrive in one turn of the event loop, or while a call is under way,
 * together in the next call: one round trip and one commit for up to `maxBatch` of them. One
 * call at a time, so a batcher's calls never wait for each other. A request that deadlocked with
 * another transaction (another replica's call, say), or a whole batch that did, runs again alone
 * after the batch.
 */
export class CallBatcher<Request, Result> {
  private readonly queue: Array<Pending<Request, Result>> = [];
  private running = false;
  /** Database calls made. */
  readonly counts = { calls: 0 };

  constructor(
    private readonly calls: BatchedCalls<Request, Result>,
    private readonly maxBatch: number,
  ) {}

  call(request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Requests read in the same turn of the event loop go together.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) await this.run(this.queue.splice(0, this.maxBatch));
    } finally {
      this.running = false;
    }
  }

  private async run(batch: Array<Pending<Request, Result>>): Promise<void> {
    let results: Array<Result | BatchItemError>;
    try {
      this.counts.calls += 1;
      results = batch.length === 1 ? [await this.calls.one(batch[0]!.request)] : await this.calls.many(batch.map((p) => p.request));
    } catch (error) {
      if (!deadlocked(error) || batch.length === 1) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      results = batch.map(() => new BatchItemError(PgError.DEADLOCK_DETECTED, 'deadlock detected'));
    }
    const again: Array<Pending<Request, Result>> = [];
    batch.forEach((pending, i) => {
      const result = results[i]!;
      if (!(result instanceof BatchItemError)) pending.resolve(result);
      else if (deadlocked(result)) again.push(pending);
      else pending.reject(result);
    });
    for (const pending of again) {
      this.counts.calls += 1;
      await this.calls.one(pending.request).then(pending.resolve, pending.reject);
    }
  }
}

/** A batch function's answer for one request: its result, or `{"error": sqlstate, "message": ...}` when it failed alone. */
export function batchItem<Result>(value: unknown): Result | BatchItemError {
  if (value !== null && typeof value === 'object' && 'error' in value) {
    const failed = value as { error: string; message?: string };
    return new BatchItemError(failed.error, failed.message ?? 'the request failed');
  }
  return value as Result;
}

/**
 * A batch written together (one statement per step for all its requests), and if that fails,
 * request by request, where each request fails or succeeds alone. A deadlock is not retried
 * here: it is the batcher's to handle, by running each request again alone.
 */
export async function togetherOrOneByOne<Result>(together: () => Promise<Result>, oneByOne: () => Promise<Result>): Promise<Result> {
  try {
    return await together();
  } catch (error) {
    if (isPgError(error, PgError.DEADLOCK_DETECTED)) throw error;
    return oneByOne();
  }
}
