import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pool } from '@clove/kit';
import { sharedQuickList, type SeatRow } from './quick-list.js';

/** A database whose reads wait until the test answers them. */
function heldBackDatabase() {
  const reads: Array<{ values: unknown[]; answer: (rows: SeatRow[]) => void; fail: (error: Error) => void }> = [];
  const pool = {
    query: (config: { values: unknown[] }) =>
      new Promise((resolve, reject) => {
        reads.push({ values: config.values, answer: (rows) => resolve({ rows }), fail: reject });
      }),
  } as unknown as Pick<Pool, 'query'>;
  return { pool, reads };
}

const seat = (id: string): SeatRow => ({ id, section: 'A', row: '1', number: 1, grade: 'R', price: 1000, state: 'available' });

describe('the shared quick list', () => {
  it('reads once for the requests that ask for the same list while it is being read, and again afterwards', async () => {
    const { pool, reads } = heldBackDatabase();
    const quickList = sharedQuickList(pool);
    const asked = [quickList(null, 50), quickList(null, 50), quickList(null, 50), quickList('R', 50), quickList(null, 10)];
    assert.deepEqual(reads.map((r) => r.values), [[null, 50], ['R', 50], [null, 10]], 'one read per distinct list');
    reads[0]!.answer([seat('A-1-1')]);
    reads[1]!.answer([seat('R-1-1')]);
    reads[2]!.answer([]);
    const answers = await Promise.all(asked);
    assert.deepEqual(answers.map((list) => list.seats.map((s) => s.id)), [['A-1-1'], ['A-1-1'], ['A-1-1'], ['R-1-1'], []]);
    for (const list of answers) assert.deepEqual(JSON.parse(list.json), list.seats, 'the JSON is the list');

    const later = quickList(null, 50);
    assert.equal(reads.length, 4, 'a request after the read ended reads again: nothing is kept');
    reads[3]!.answer([seat('A-1-2')]);
    assert.deepEqual((await later).seats.map((s) => s.id), ['A-1-2']);
  });

  it('fails every request that shared a failed read, and reads again for the next', async () => {
    const { pool, reads } = heldBackDatabase();
    const quickList = sharedQuickList(pool);
    const asked = [quickList(null, 5), quickList(null, 5)];
    reads[0]!.fail(new Error('connection lost'));
    for (const result of await Promise.allSettled(asked)) assert.equal(result.status, 'rejected');
    const next = quickList(null, 5);
    assert.equal(reads.length, 2);
    reads[1]!.answer([seat('A-1-1')]);
    assert.equal((await next).seats.length, 1);
  });
});
