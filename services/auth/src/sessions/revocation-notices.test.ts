import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_WAITING_READS, RevocationNotices } from './revocation-notices.js';

const settledWithin = async (promise: Promise<void>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return settled;
};

describe('RevocationNotices', () => {
  it('keeps at most MAX_WAITING_READS reads waiting; the next is answered at once', async () => {
    const notices = new RevocationNotices();
    const waits = Array.from({ length: MAX_WAITING_READS }, () => notices.next(60_000));
    assert.equal(await settledWithin(waits[0]!.changed, 20), false, 'the reads under the limit wait');
    assert.equal(await settledWithin(notices.next(60_000).changed, 1_000), true, 'one more is answered at once');
    waits[0]!.cancel();
    const room = notices.next(60_000);
    assert.equal(await settledWithin(room.changed, 20), false, 'a read that ended makes room');
    notices.release();
    assert.equal(await settledWithin(Promise.all([room, ...waits].map((w) => w.changed)).then(() => undefined), 1_000), true, 'closing answers them all');
  });
});
