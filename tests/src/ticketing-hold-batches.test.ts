/**
 * Holds that arrive together run in one database call (R30, R31 under load), against a real
 * PostgreSQL with the ticketing schema: each hold as if alone, batches of two replicas that
 * want the same seats, a batch caught in a deadlock, and a batch in which a seat changes hands
 * between its decision and its writes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { HoldBatcher, MAX_HOLDS_PER_CALL, type HoldOutcome, type HoldRequest } from '../../services/ticketing/dist/holds/hold-batcher.js';
import { ReleaseBatcher } from '../../services/ticketing/dist/holds/release-batcher.js';
import { eventually } from './support/http.js';
import { ticketingDatabase } from './support/ticketing-database.js';

const SEATS = 40;
const seat = (n: number) => `S-${String(n).padStart(2, '0')}`;

describe('hold batches', () => {
  const pools = ticketingDatabase('hold_batches', 3);

  beforeEach(async () => {
    const [sql] = pools;
    await sql!.query('truncate holds, seats cascade');
    await sql!.query(
      `insert into seats (id, section, section_position, row_label, number, grade, price)
       select 'S-' || lpad(n::text, 2, '0'), 'S', 0, '1', n, 'A', 1000 from generate_series(1, $1::int) as n`,
      [SEATS],
    );
  });

  const request = (buyerId: string, seats: number[]): HoldRequest => ({
    buyerId,
    seatIds: seats.map(seat),
    holdId: randomUUID(),
    expiresAt: new Date(Date.now() + 600_000),
    max: 4,
  });
  const heldBy = async (id: string) =>
    (await pools[0]!.query<{ hold_id: string | null }>('select hold_id from seats where id = $1', [id])).rows[0]!.hold_id;
  const activeHolds = async (buyerId: string) =>
    (await pools[0]!.query<{ id: string; seat_ids: string[] }>(`select id, seat_ids from holds where buyer_id = $1 and status = 'active'`, [buyerId])).rows;
  /** Backends of the test database waiting for a lock (a row or an advisory lock). */
  const waiting = async () =>
    Number((await pools[0]!.query<{ n: string }>(`select count(*) as n from pg_locks where not granted`)).rows[0]!.n);

  it('runs the holds of one turn in one call, each as if it were alone', async () => {
    const batcher = new HoldBatcher(pools[0]!);
    // Held before the batch: its buyer's later refused hold must leave it as it is.
    const keeper = randomUUID();
    const kept = request(keeper, [13]);
    assert.equal((await batcher.hold(kept)).outcome, 'held');
    const callsBefore = batcher.counts.calls;

    // A full call: buyers racing for 10 seats, and one buyer holding twice; then the keeper asking
    // for a taken seat, which is one hold too many for that call.
    const racers = Array.from({ length: MAX_HOLDS_PER_CALL - 2 }, (_, i) => request(randomUUID(), [(i % 10) + 1]));
    const twice = randomUUID();
    const first = request(twice, [11]);
    const second = request(twice, [12]);
    const refused = request(keeper, [14, 1]);
    const all = [...racers, first, second, refused];
    const outcomes = await Promise.all(all.map((r) => batcher.hold(r)));

    assert.equal(batcher.counts.calls - callsBefore, 2, `one call for the first ${MAX_HOLDS_PER_CALL} holds, one for the last`);
    assert.equal(batcher.holdByHold, 1, 'a batch in which one buyer holds twice runs hold by hold');
    outcomes.slice(0, racers.length).forEach((outcome, i) => {
      if (i < 10) assert.deepEqual(outcome, { outcome: 'held', released: [] }, `the first buyer for ${seat((i % 10) + 1)} holds it`);
      else assert.deepEqual(outcome, { outcome: 'taken', seats: [seat((i % 10) + 1)] }, 'later buyers learn the seat is taken');
    });
    for (let n = 1; n <= 10; n++) assert.equal(await heldBy(seat(n)), racers[n - 1]!.holdId);

    const [firstOutcome, secondOutcome, refusedOutcome] = outcomes.slice(racers.length);
    assert.deepEqual(firstOutcome, { outcome: 'held', released: [] });
    assert.deepEqual(secondOutcome, { outcome: 'held', released: [seat(11)] }, 'the second hold replaced the first');
    assert.equal(await heldBy(seat(11)), null);
    assert.equal(await heldBy(seat(12)), second.holdId);
    assert.deepEqual((await activeHolds(twice)).map((h) => h.id), [second.holdId]);

    assert.deepEqual(refusedOutcome, { outcome: 'taken', seats: [seat(1)] });
    assert.equal(await heldBy(seat(14)), null, 'a refused hold takes nothing');
    assert.equal(await heldBy(seat(13)), kept.holdId, 'and leaves the buyer\'s hold as it was');
    assert.deepEqual((await activeHolds(keeper)).map((h) => h.id), [kept.holdId]);
  });

  it('lets the batches of two replicas that want the same seats in opposite orders wait for each other, without a deadlock', async () => {
    const [replicaA, replicaB] = [new HoldBatcher(pools[0]!), new HoldBatcher(pools[1]!)];
    const gate = await pools[2]!.connect();
    try {
      // The gate seat (S-03) is locked, so replica A's batch stops between its seats S-02 and S-04.
      await gate.query('begin');
      await gate.query(`select 1 from seats where id = $1 for update`, [seat(3)]);
      const a = [request(randomUUID(), [2]), request(randomUUID(), [3, 4])];
      const fromA = a.map((r) => replicaA.hold(r));
      await eventually(async () => (await waiting()) >= 1, 10_000, 'replica A to wait for the gate seat');
      // Replica B wants S-04, then S-02 — the other way round.
      const b = [request(randomUUID(), [4]), request(randomUUID(), [2])];
      const fromB = b.map((r) => replicaB.hold(r));
      await eventually(async () => (await waiting()) >= 2, 10_000, 'replica B to wait for replica A');
      await gate.query('commit');

      const [outcomesA, outcomesB] = [await Promise.all(fromA), await Promise.all(fromB)];
      assert.deepEqual(outcomesA.map((o) => o.outcome), ['held', 'held']);
      assert.deepEqual(outcomesB, [{ outcome: 'taken', seats: [seat(4)] }, { outcome: 'taken', seats: [seat(2)] }]);
      assert.deepEqual([replicaA.counts.calls, replicaB.counts.calls], [1, 1], 'no batch had to be run again');
      assert.equal(await heldBy(seat(2)), a[0]!.holdId);
      assert.equal(await heldBy(seat(4)), a[1]!.holdId);
    } finally {
      await gate.query('rollback').catch(() => undefined);
      gate.release();
    }
  });

  it('decides the holds of a batch together, in arrival order, with the outcomes each would have alone', async () => {
    const batcher = new HoldBatcher(pools[0]!);
    const [keeper, rehold, stale] = [randomUUID(), randomUUID(), randomUUID()];
    const kept = request(keeper, [13]);
    const before = request(rehold, [15, 16]);
    const expired = request(stale, [20]);
    for (const r of [kept, before, expired]) assert.equal((await batcher.hold(r)).outcome, 'held');
    await pools[0]!.query(`update seats set hold_expires_at = now() - interval '1 second' where hold_id = $1`, [expired.holdId]);
    await pools[0]!.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [expired.holdId]);

    const racers = Array.from({ length: 10 }, (_, i) => request(randomUUID(), [(i % 5) + 1]));
    const batch = [
      ...racers,
      request(keeper, [14, 1]), // S-01 went to an earlier hold of this batch
      request(rehold, [16, 17]), // keeps S-16, gives back S-15
      request(randomUUID(), [15]), // S-15 is given back by this batch: still taken for it
      request(randomUUID(), [20]), // under an expired hold: free
      request(stale, [21]), // the expired hold's S-20 went to the hold before
      request(randomUUID(), [39, 99]), // no S-99
      request(randomUUID(), [30, 31, 32, 33, 34]), // five seats, four allowed
    ];
    const callsBefore = batcher.counts.calls;
    const outcomes = await Promise.all(batch.map((r) => batcher.hold(r)));
    assert.equal(batcher.counts.calls - callsBefore, 1, 'one call');
    assert.equal(batcher.holdByHold, 0, 'decided together');

    outcomes.slice(0, 10).forEach((outcome, i) => {
      const wanted = seat((i % 5) + 1);
      if (i < 5) assert.deepEqual(outcome, { outcome: 'held', released: [] }, `the first buyer for ${wanted} holds it`);
      else assert.deepEqual(outcome, { outcome: 'taken', seats: [wanted] }, `the second buyer for ${wanted} learns it is taken`);
    });
    assert.deepEqual(outcomes.slice(10), [
      { outcome: 'taken', seats: [seat(1)] },
      { outcome: 'held', released: [seat(15)] },
      { outcome: 'taken', seats: [seat(15)] },
      { outcome: 'held', released: [] },
      { outcome: 'held', released: [] },
      { outcome: 'unknown', seats: ['S-99'] },
      { outcome: 'limit', owned: 0 },
    ]);

    for (let n = 1; n <= 5; n++) assert.equal(await heldBy(seat(n)), racers[n - 1]!.holdId);
    assert.equal(await heldBy(seat(13)), kept.holdId, "a refused hold leaves the buyer's hold as it was");
    assert.deepEqual((await activeHolds(keeper)).map((h) => h.id), [kept.holdId]);
    assert.equal(await heldBy(seat(14)), null);
    assert.equal(await heldBy(seat(15)), null, 'given back');
    for (const n of [16, 17]) assert.equal(await heldBy(seat(n)), batch[11]!.holdId);
    assert.deepEqual(await activeHolds(rehold), [{ id: batch[11]!.holdId, seat_ids: [seat(16), seat(17)] }]);
    assert.equal(await heldBy(seat(20)), batch[13]!.holdId);
    assert.equal(await heldBy(seat(21)), batch[14]!.holdId);
    assert.deepEqual((await activeHolds(stale)).map((h) => h.id), [batch[14]!.holdId], 'the expired hold was replaced');
    for (const n of [30, 31, 39]) assert.equal(await heldBy(seat(n)), null, 'refused holds take nothing');
    const counts = await pools[0]!.query<{ state: string; n: string }>('select state, count(*) as n from seats group by state order by state');
    assert.deepEqual(counts.rows, [{ state: 'available', n: String(SEATS - 10) }, { state: 'held', n: '10' }]);
  });

  it('releases the holds of one turn in one call, each with the answer it would have alone', async () => {
    const holds = new HoldBatcher(pools[0]!);
    const releases = new ReleaseBatcher(pools[0]!);
    const mine = [request(randomUUID(), [1, 2]), request(randomUUID(), [3]), request(randomUUID(), [4])];
    const earlier = request(randomUUID(), [5]);
    const someoneElses = request(randomUUID(), [6]);
    for (const r of [...mine, earlier, someoneElses]) assert.equal((await holds.hold(r)).outcome, 'held');
    assert.equal((await releases.release({ buyerId: earlier.buyerId, holdId: earlier.holdId })).outcome, 'released');
    const callsBefore = releases.counts.calls;

    const outcomes = await Promise.all([
      ...mine.map((r) => releases.release({ buyerId: r.buyerId, holdId: r.holdId })),
      releases.release({ buyerId: earlier.buyerId, holdId: earlier.holdId }),
      releases.release({ buyerId: randomUUID(), holdId: someoneElses.holdId }),
      releases.release({ buyerId: randomUUID(), holdId: randomUUID() }),
    ]);
    assert.equal(releases.counts.calls - callsBefore, 1, 'one call');
    assert.equal(releases.oneByOne, 0, 'run together');
    assert.deepEqual(outcomes, [
      { outcome: 'released', seats: [seat(1), seat(2)] },
      { outcome: 'released', seats: [seat(3)] },
      { outcome: 'released', seats: [seat(4)] },
      { outcome: 'not_active' },
      { outcome: 'not_yours' },
      { outcome: 'not_found' },
    ]);
    for (const n of [1, 2, 3, 4, 5]) assert.equal(await heldBy(seat(n)), null, `${seat(n)} is free again`);
    assert.equal(await heldBy(seat(6)), someoneElses.holdId, "someone else's hold stays");
    for (const r of mine) assert.deepEqual(await activeHolds(r.buyerId), []);

    // The same hold twice in one turn: released once, the second finds it released.
    const twice = request(randomUUID(), [7]);
    assert.equal((await holds.hold(twice)).outcome, 'held');
    const both = await Promise.all([0, 1].map(() => releases.release({ buyerId: twice.buyerId, holdId: twice.holdId })));
    assert.deepEqual(both, [{ outcome: 'released', seats: [seat(7)] }, { outcome: 'not_active' }]);
    assert.equal(releases.oneByOne, 1, 'release by release');
  });

  it('lets the batches of two replicas with the same buyers wait for each other, without a deadlock', async () => {
    const [replicaA, replicaB] = [new HoldBatcher(pools[0]!), new HoldBatcher(pools[1]!)];
    const [p, q, gateA, gateB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const gate = await pools[2]!.connect();
    const lockKey = 'hashtextextended($1::text, 0)';
    try {
      // Each batch takes its buyers' locks in one order, so two batches that both hold for p and
      // q wait for each other, whatever order their holds came in. The gate buyers' locks keep
      // both batches under way at once.
      for (const buyer of [gateA, gateB]) await gate.query(`select pg_advisory_lock(${lockKey})`, [buyer]);
      const a = [request(p, [1]), request(gateA, [2]), request(q, [3])];
      const b = [request(q, [4]), request(gateB, [5]), request(p, [6])];
      const fromA = a.map((r) => replicaA.hold(r));
      const fromB = b.map((r) => replicaB.hold(r));
      await eventually(async () => (await waiting()) >= 2, 10_000, 'both batches to wait');
      for (const buyer of [gateA, gateB]) await gate.query(`select pg_advisory_unlock(${lockKey})`, [buyer]);

      const outcomes = await Promise.all([...fromA, ...fromB]);
      assert.deepEqual(outcomes.map((o: HoldOutcome) => o.outcome), ['held', 'held', 'held', 'held', 'held', 'held']);
      assert.deepEqual([replicaA.counts.calls, replicaB.counts.calls], [1, 1], 'no batch had to be run again');
      for (const buyer of [p, q, gateA, gateB]) {
        const holds = await activeHolds(buyer);
        assert.equal(holds.length, 1, 'one active hold per buyer');
        for (const id of holds[0]!.seat_ids) assert.equal(await heldBy(id), holds[0]!.id);
      }
    } finally {
      await gate.query('select pg_advisory_unlock_all()').catch(() => undefined);
      gate.release();
    }
  });

  it('runs the holds of a batch caught in a deadlock again, one by one', async () => {
    const batcher = new HoldBatcher(pools[0]!);
    const [p, r] = [randomUUID(), randomUUID()];
    const other = await pools[2]!.connect();
    try {
      // The other transaction has S-02, so the batch, holding its buyers' locks, waits there;
      // then the other transaction wants the lock of the batch's buyer p.
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`); // the batch is the one to notice
      await other.query('select 1 from seats where id = $1 for update', [seat(2)]);
      const held = [request(p, [2]), request(r, [3])].map((x) => batcher.hold(x));
      await eventually(async () => (await waiting()) >= 1, 10_000, 'the batch to wait for S-02');
      await other.query('select pg_advisory_xact_lock(hashtextextended($1::text, 0))', [p]);
      await other.query('commit');

      assert.deepEqual((await Promise.all(held)).map((o) => o.outcome), ['held', 'held']);
      assert.equal(batcher.counts.calls, 3, 'the batch, then each hold alone');
      assert.equal(await heldBy(seat(2)), (await activeHolds(p))[0]!.id);
      assert.equal(await heldBy(seat(3)), (await activeHolds(r))[0]!.id);
    } finally {
      await other.query('rollback').catch(() => undefined);
      other.release();
    }
  });

  it('runs a batch again hold by hold when a seat changes hands between its decision and its writes', async () => {
    const batcher = new HoldBatcher(pools[0]!);
    const [a, b, c, y] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const previous = request(a, [5]);
    assert.equal((await batcher.hold(previous)).outcome, 'held');
    const callsBefore = batcher.counts.calls;

    // A gate, for this test only: the batch's first update of holds (which comes after it has
    // decided, and before it writes seats) waits until the test opens the gate.
    const gate = await pools[2]!.connect();
    await gate.query('select pg_advisory_lock(4242)');
    await pools[0]!.query(`create sequence gate_passes`);
    await pools[0]!.query(`create function gate() returns trigger language plpgsql as $$
      begin
        if nextval('gate_passes') = 1 then perform pg_advisory_xact_lock_shared(4242); end if;
        return null;
      end $$`);
    await pools[0]!.query('create trigger gate before update on holds for each statement execute function gate()');
    try {
      // a keeps S-05 from its previous hold and adds S-06; b and c want free seats.
      const held = [request(a, [5, 6]), request(b, [1]), request(c, [2])].map((r) => batcher.hold(r));
      await eventually(async () => (await waiting()) >= 1, 10_000, 'the batch to have decided and to wait at the gate');
      // Meanwhile a's previous hold runs out and buyer y takes S-05, through hold_seats, and commits.
      await gate.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [previous.holdId]);
      await gate.query(`update seats set hold_expires_at = now() - interval '1 second' where id = $1`, [seat(5)]);
      const taker = request(y, [5]);
      const took = await gate.query<{ result: HoldOutcome }>('select hold_seats($1, $2, $3, $4, $5) as result', [
        y, taker.seatIds, taker.holdId, taker.expiresAt, taker.max,
      ]);
      assert.equal(took.rows[0]!.result.outcome, 'held');
      await gate.query('select pg_advisory_unlock(4242)');

      const outcomes = await Promise.all(held);
      assert.equal(batcher.counts.calls - callsBefore, 1, 'one call');
      assert.equal(batcher.holdByHold, 1, 'the batch ran again hold by hold');
      assert.deepEqual(outcomes, [
        { outcome: 'taken', seats: [seat(5)] },
        { outcome: 'held', released: [] },
        { outcome: 'held', released: [] },
      ]);
      assert.equal(await heldBy(seat(5)), taker.holdId, 'S-05 is y\'s');
      assert.equal(await heldBy(seat(6)), null, 'S-06 was not taken for a');
      assert.deepEqual((await activeHolds(a)).map((h) => h.id), [previous.holdId], "a's refused hold left its previous hold as it was");
      assert.equal(await heldBy(seat(1)), (await activeHolds(b))[0]!.id);
      assert.equal(await heldBy(seat(2)), (await activeHolds(c))[0]!.id);
    } finally {
      await gate.query('select pg_advisory_unlock_all()').catch(() => undefined);
      gate.release();
      await pools[0]!.query('drop trigger if exists gate on holds; drop function if exists gate(); drop sequence if exists gate_passes');
    }
  });
});
