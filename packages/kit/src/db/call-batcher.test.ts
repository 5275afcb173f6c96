import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PgError } from './transaction.js';
import { BatchItemError, batchItem, CallBatcher, togetherOrOneByOne, type BatchedCalls } from './call-batcher.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: PgError.DEADLOCK_DETECTED });

/** Doubles numbers; records every call; `fail` decides what a batch call does with a number. */
function doubling(fail: (n: number) => 'deadlock-batch' | 'deadlock' | 'error' | undefined = () => undefined) {
  const calls: Array<{ kind: 'one' | 'many'; requests: number[] }> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    return work();
  };
  const backend: BatchedCalls<number, number> = {
    one: (n) => track(() => (calls.push({ kind: 'one', requests: [n] }), n * 2)),
    many: (ns) =>
      track(() => {
        calls.push({ kind: 'many', requests: ns });
        if (ns.some((n) => fail(n) === 'deadlock-batch')) throw deadlock();
        return ns.map((n) => {
          const failure = fail(n);
          if (failure === 'deadlock') return new BatchItemError(PgError.DEADLOCK_DETECTED, 'deadlock detected');
          if (failure === 'error') return new BatchItemError('P0001', `no ${n}`);
          return n * 2;
        });
      }),
  };
  return { calls, backend, mostInFlight: () => mostInFlight };
}

describe('batched database calls', () => {
  it('sends the requests of one turn together, at most the batch size per call, one call at a time', async () => {
    const { calls, backend, mostInFlight } = doubling();
    const batcher = new CallBatcher(backend, 4);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.call(n)));
    assert.deepEqual(results, [2, 4, 6, 8, 10, 12]);
    assert.deepEqual(calls, [{ kind: 'many', requests: [1, 2, 3, 4] }, { kind: 'many', requests: [5, 6] }]);
    assert.equal(mostInFlight(), 1);
    assert.equal(batcher.counts.calls, 2);
    assert.equal(await batcher.call(7), 14, 'a request alone is sent alone');
    assert.deepEqual(calls.at(-1), { kind: 'one', requests: [7] });
  });

  it('fails only the request that failed, and runs one that deadlocked again alone', async () => {
    const { calls, backend } = doubling((n) => (n === 2 ? 'error' : n === 3 ? 'deadlock' : undefined));
    const batcher = new CallBatcher(backend, 8);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.call(n)));
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as BatchItemError).code)), [2, 'P0001', 6, 8]);
    assert.deepEqual(calls, [{ kind: 'many', requests: [1, 2, 3, 4] }, { kind: 'one', requests: [3] }]);
  });

  it('runs every request of a batch that deadlocked as a whole again, one by one', async () => {
    const { calls, backend } = doubling((n) => (n === 1 ? 'deadlock-batch' : undefined));
    const batcher = new CallBatcher(backend, 8);
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => batcher.call(n))), [2, 4, 6]);
    assert.deepEqual(calls.map((c) => c.kind), ['many', 'one', 'one', 'one']);
    assert.equal(batcher.counts.calls, 4);
  });

  it('reads a batch function\'s answer for one request as its result or its error', () => {
    assert.equal(batchItem<string>('paid'), 'paid');
    assert.deepEqual(batchItem({ outcome: 'charge' }), { outcome: 'charge' });
    const failed = batchItem({ error: '40P01', message: 'deadlock detected' });
    assert.ok(failed instanceof BatchItemError);
    assert.equal(failed.code, '40P01');
    assert.equal(failed.message, 'deadlock detected');
  });
});

describe('a batch written together, else one by one', () => {
  it('answers from the batch written together when it succeeds', async () => {
    let oneByOne = 0;
    assert.deepEqual(await togetherOrOneByOne(async () => [2, 4], async () => (oneByOne++, [0, 0])), [2, 4]);
    assert.equal(oneByOne, 0);
  });

  it('writes the batch one by one when writing it together failed', async () => {
    const answer = await togetherOrOneByOne(async () => {
      throw Object.assign(new Error('seat changed hands'), { code: 'P0001' });
    }, async () => [2, new BatchItemError('P0001', 'no 2')]);
    assert.deepEqual(answer, [2, new BatchItemError('P0001', 'no 2')]);
  });

  it('leaves a deadlock to the batcher, which runs each request again alone', async () => {
    let oneByOne = 0;
    await assert.rejects(
      togetherOrOneByOne(async () => {
        throw deadlock();
      }, async () => (oneByOne++, [])),
      { code: PgError.DEADLOCK_DETECTED },
    );
    assert.equal(oneByOne, 0);
  });
});
