import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_WAITING_READS, RevocationNotices } from './revocation-notices.js';

describe('RevocationNotices', () => {
  it('keeps at most MAX_WAITING_READS reads waiting; the next is answered at once', async () => {
    const notices = new RevocationNotices();
    const waits = Array.from({ length: MAX_WAITING_READS }, () => notices.next(60_000));
    assert.equal(notices.waitingReads, MAX_WAITING_READS, 'the reads under the limit wait');
    const extra = notices.next(60_000);
    assert.equal(notices.waitingReads, MAX_WAITING_READS, 'one more does not wait');
    await extra.changed; // answered at once: a read that waited would hold the test until its 60 s
    waits[0]!.cancel();
    const room = notices.next(60_000);
    assert.equal(notices.waitingReads, MAX_WAITING_READS, 'a read that ended makes room');
    notices.release();
    assert.equal(notices.waitingReads, 0);
    await Promise.all([room, ...waits].map((w) => w.changed)); // closing answers them all
  });
});
