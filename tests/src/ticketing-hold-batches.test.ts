/**
 * Holds that arrive together run in one database call (R30, R31 under load), against a real
 * PostgreSQL with the ticketing schema: each hold as if alone, batches of two replicas that
 * want the same seats, and a batch caught in a deadlock.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createPool, migrate, type Pool } from '@clove/kit';
import { HoldBatcher, type HoldOutcome, type HoldRequest } from '../../services/ticketing/dist/holds/hold-batcher.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { eventually } from './support/http.js';
import { REPO_ROOT } from './support/platform.js';

const SEATS = 40;
const seat = (n: number) => `S-${String(n).padStart(2, '0')}`;

describe('hold batches', () => {
  let db: TestDatabase;
  let pools: Pool[];

  before(async () => {
    db = await startTestDatabase();
    const url = await db.createDatabase('hold_batches');
    await migrate({ databaseUrl: url, schema: 'ticketing', dir: `${REPO_ROOT}services/ticketing/migrations` });
    pools = [0, 1, 2].map(() => createPool({ connectionString: url, schema: 'ticketing', max: 2 }));
  });
  after(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.end()));
    await db?.stop();
  });
  beforeEach(async () => {
    const [sql] = pools;
    await sql!.query('truncate holds, seats cascade');
    await sql!.query(
      `insert into seats (id, section, row_label, number, grade, price)
       select 'S-' || lpad(n::text, 2, '0'), 'S', '1', n, 'A', 1000 from generate_series(1, $1::int) as n`,
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

    // 30 buyers for 10 seats (3 each), one buyer holding twice, and the keeper asking for a taken seat.
    const racers = Array.from({ length: 30 }, (_, i) => request(randomUUID(), [(i % 10) + 1]));
    const twice = randomUUID();
    const first = request(twice, [11]);
    const second = request(twice, [12]);
    const refused = request(keeper, [14, 1]);
    const all = [...racers, first, second, refused];
    const outcomes = await Promise.all(all.map((r) => batcher.hold(r)));

    assert.equal(batcher.counts.calls - callsBefore, 2, 'one call for the first 32 holds, one for the last');
    outcomes.slice(0, 30).forEach((outcome, i) => {
      if (i < 10) assert.deepEqual(outcome, { outcome: 'held', released: [] }, `the first buyer for ${seat((i % 10) + 1)} holds it`);
      else assert.deepEqual(outcome, { outcome: 'taken', seats: [seat((i % 10) + 1)] }, 'later buyers learn the seat is taken');
    });
    for (let n = 1; n <= 10; n++) assert.equal(await heldBy(seat(n)), racers[n - 1]!.holdId);

    assert.deepEqual(outcomes[30], { outcome: 'held', released: [] });
    assert.deepEqual(outcomes[31], { outcome: 'held', released: [seat(11)] }, 'the second hold replaced the first');
    assert.equal(await heldBy(seat(11)), null);
    assert.equal(await heldBy(seat(12)), second.holdId);
    assert.deepEqual((await activeHolds(twice)).map((h) => h.id), [second.holdId]);

    assert.deepEqual(outcomes[32], { outcome: 'taken', seats: [seat(1)] });
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

  it('runs the holds of a batch caught in a deadlock again, one by one', async () => {
    const [replicaA, replicaB] = [new HoldBatcher(pools[0]!), new HoldBatcher(pools[1]!)];
    const [p, q, gateA, gateB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const gate = await pools[2]!.connect();
    const lockKey = 'hashtextextended($1::text, 0)';
    try {
      // Buyers hold one at a time (hold_seats takes a lock per buyer until commit). The gate
      // buyers' locks stop each batch after its first hold: A holds for p, B for q; then A
      // wants q and B wants p.
      for (const buyer of [gateA, gateB]) await gate.query(`select pg_advisory_lock(${lockKey})`, [buyer]);
      const a = [request(p, [1]), request(gateA, [2]), request(q, [3])];
      const b = [request(q, [4]), request(gateB, [5]), request(p, [6])];
      const fromA = a.map((r) => replicaA.hold(r));
      const fromB = b.map((r) => replicaB.hold(r));
      await eventually(async () => (await waiting()) >= 2, 10_000, 'both batches to wait at their gates');
      for (const buyer of [gateA, gateB]) await gate.query(`select pg_advisory_unlock(${lockKey})`, [buyer]);

      const outcomes = await Promise.all([...fromA, ...fromB]);
      assert.deepEqual(outcomes.map((o: HoldOutcome) => o.outcome), ['held', 'held', 'held', 'held', 'held', 'held']);
      assert.deepEqual([replicaA.counts.calls, replicaB.counts.calls].sort(), [1, 4], 'one batch ran, the other ran again hold by hold');
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
});
