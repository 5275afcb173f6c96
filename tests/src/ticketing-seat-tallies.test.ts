/**
 * Seats left per grade (R29, R39) come from a tally of sold seats kept as tickets come and go
 * (migration 0015), not from counting every seat. Against a real PostgreSQL with the ticketing
 * schema, the counts must always equal a count of every seat: through holds, expiries, sales
 * written together or order by order, refunds, folds of the tally and seat map changes, and
 * with the finish batches of two replicas running at once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { HoldBatcher } from '../../services/ticketing/dist/holds/hold-batcher.js';
import { OrderBatcher, type BeginOutcome, type FinishRequest } from '../../services/ticketing/dist/orders/order-batcher.js';
import { gradeCounts, remainingSeats, settleSoldChanges, tallyGrades } from '../../services/ticketing/dist/performance/performance.repository.js';
import { ticketingDatabase } from './support/ticketing-database.js';

const SEATS = 80;
/** Odd seats are VIP, even seats A: seats in id order alternate between the grades. */
const seat = (n: number) => `S-${String(n).padStart(2, '0')}`;
const price = (n: number) => (n % 2 ? 2000 : 1000);

interface Holding {
  buyerId: string;
  holdId: string;
  key: string;
  seats: number[];
}

describe('seats left per grade', () => {
  const pools = ticketingDatabase('seat_tallies', 2);

  beforeEach(async () => {
    const [sql] = pools;
    await sql!.query('truncate performance, holds, seats, orders, tickets, order_requests, outbox cascade');
    await sql!.query(
      `insert into performance (title, venue, starts_at, ends_at, currency)
       values ('Tally night', 'Hall', now() + interval '30 days', now() + interval '31 days', 'KRW')`,
    );
    await sql!.query(
      `insert into seats (id, section, section_position, row_label, number, grade, price)
       select 'S-' || lpad(n::text, 2, '0'), 'S', 0, '1', n, case when n % 2 = 1 then 'VIP' else 'A' end,
              case when n % 2 = 1 then 2000 else 1000 end
       from generate_series(1, $1::int) as n`,
      [SEATS],
    );
    await tallyGrades(sql!);
  });

  /** What every seat says: the counts the tally must give. */
  const counted = async () =>
    (await pools[0]!.query<{ grade: string; price: number; total: number; remaining: number }>(
      `select grade, min(price) as price, count(*)::int as total,
              count(*) filter (where state = 'available' or (state = 'held' and hold_expires_at <= now()))::int as remaining
       from seats group by grade order by min(price) desc, grade`,
    )).rows;
  const agree = async (when: string) => {
    const expected = await counted();
    assert.deepEqual(await gradeCounts(pools[0]!), expected, `per grade, ${when}`);
    assert.equal(await remainingSeats(pools[0]!), expected.reduce((sum, g) => sum + g.remaining, 0), `in all, ${when}`);
    return expected;
  };

  const holding = async (...seats: number[]): Promise<Holding> => {
    const h = { buyerId: randomUUID(), holdId: randomUUID(), key: randomUUID(), seats };
    const outcome = await new HoldBatcher(pools[0]!).hold({
      buyerId: h.buyerId,
      seatIds: seats.map(seat),
      holdId: h.holdId,
      expiresAt: new Date(Date.now() + 600_000),
      max: 4,
    });
    assert.equal(outcome.outcome, 'held');
    return h;
  };
  const finishing = (h: Holding, outcome: BeginOutcome, seats = h.seats): FinishRequest => {
    assert.equal(outcome.outcome, 'charge');
    const { orderId } = outcome as Extract<BeginOutcome, { outcome: 'charge' }>;
    return {
      buyerId: h.buyerId,
      key: h.key,
      orderId,
      holdId: h.holdId,
      paymentId: `pay_${orderId}`,
      amount: seats.reduce((sum, n) => sum + price(n), 0),
      currency: 'KRW',
      tickets: seats.map((n) => ({ id: randomUUID(), seatId: seat(n), price: price(n), code: `code-${n}` })),
      response: { order: { id: orderId } },
      eventId: randomUUID(),
      event: { orderId },
    };
  };
  /** Pays the holds, all in one batch of the given replica's batcher. */
  const pay = async (orders: OrderBatcher, holds: Holding[], seatsOf = (h: Holding) => h.seats) => {
    const begun = await Promise.all(holds.map((h) => orders.begin({ buyerId: h.buyerId, key: h.key, hash: 'h', holdId: h.holdId, orderId: randomUUID() })));
    return Promise.allSettled(holds.map((h, i) => orders.finish(finishing(h, begun[i]!, seatsOf(h)))));
  };

  it('equal a count of every seat through holds, expiries, sales, refunds and seat map changes', async () => {
    assert.deepEqual(await agree('before the sale'), [
      { grade: 'VIP', price: 2000, total: 40, remaining: 40 },
      { grade: 'A', price: 1000, total: 40, remaining: 40 },
    ]);
    const orders = new OrderBatcher(pools[0]!);

    const first = await Promise.all([holding(1, 2), holding(3), holding(4, 6)]);
    await agree('with seats under running holds');

    const written = await pay(orders, first);
    assert.deepEqual(written.map((r) => r.status === 'fulfilled' && r.value), ['paid', 'paid', 'paid']);
    assert.equal(orders.calls.finishOrderByOrder, 0, 'written together');
    assert.deepEqual((await agree('after a batch written together')).map((g) => g.remaining), [38, 37]);

    // A batch with an order whose seats are not its hold's is written order by order.
    const second = await Promise.all([holding(5, 8), holding(7), holding(9, 10)]);
    const oneByOne = await pay(orders, second, (h) => (h.seats[0] === 9 ? [9, 10, 12] : h.seats));
    assert.deepEqual(oneByOne.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected']);
    assert.equal(orders.calls.finishOrderByOrder, 1, 'written order by order');
    await agree('after a batch written order by order');
    await settleSoldChanges(pools[0]!, false);
    const tally = async () => (await pools[0]!.query<{ grade: string; delta: number }>('select grade, delta from sold_changes order by grade')).rows;
    assert.deepEqual(await tally(), [{ grade: 'A', delta: 4 }, { grade: 'VIP', delta: 4 }], 'folded to a row per grade');
    await agree('after the tally was folded');
    // A change no function tallied (a seat sold by hand) is corrected by the recount.
    await pools[0]!.query(`update seats set state = 'sold', order_id = $1 where id = $2`, [randomUUID(), seat(79)]);
    await pools[0]!.query(`insert into sold_changes (grade, delta) values ('A', 1)`); // a change counted twice
    await settleSoldChanges(pools[0]!, true);
    assert.deepEqual(await tally(), [{ grade: 'A', delta: 4 }, { grade: 'VIP', delta: 5 }], 'recounted from the seats');
    await agree('after the tally was recounted');
    await pools[0]!.query(`update seats set state = 'available', order_id = null where id = $1`, [seat(79)]);
    await settleSoldChanges(pools[0]!, true);

    await pools[0]!.query(`update seats set hold_expires_at = now() - interval '1 second' where id = any($1)`, [[seat(9), seat(10)]]);
    assert.deepEqual((await agree('with a hold run out')).map((g) => g.remaining), [36, 36]);

    const [ticket] = (await pools[0]!.query<{ id: string; buyer_id: string }>(`select id, buyer_id from tickets where seat_id = $1`, [seat(2)])).rows;
    const begun = await pools[0]!.query<{ r: { outcome: string } }>('select begin_refund($1, $2) as r', [ticket!.buyer_id, ticket!.id]);
    assert.equal(begun.rows[0]!.r.outcome, 'refunding');
    await agree('while a refund is under way (the seat is still sold)');
    const complete = () => pools[0]!.query<{ seat: string | null }>('select complete_refund($1, $2) as seat', [ticket!.id, randomUUID()]);
    assert.equal((await complete()).rows[0]!.seat, seat(2));
    assert.equal((await complete()).rows[0]!.seat, null, 'a second completion changes nothing');
    assert.deepEqual((await agree('after a refund')).map((g) => g.remaining), [36, 37]);

    // The seat map changes free seats only: one removed, one moved to another grade and price, one added.
    await pools[0]!.query('delete from seats where id = $1', [seat(80)]);
    await pools[0]!.query(`update seats set grade = 'VIP', price = 1500 where id = $1`, [seat(78)]);
    await pools[0]!.query(`insert into seats (id, section, section_position, row_label, number, grade, price) values ('S-81', 'S', 0, '1', 81, 'R', 1200)`);
    await tallyGrades(pools[0]!);
    assert.deepEqual(await agree('after the seat map changed'), [
      { grade: 'VIP', price: 1500, total: 41, remaining: 37 },
      { grade: 'R', price: 1200, total: 1, remaining: 1 },
      { grade: 'A', price: 1000, total: 38, remaining: 35 },
    ]);
  });

  it('tally the sales of two replicas whose finish batches, each selling seats of both grades, run at once', async () => {
    const replicas = pools.map((pool) => new OrderBatcher(pool));
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      // Each replica's batch sells seats of both grades, in seat order VIP then A for one and A then VIP for the other.
      const base = round * 12;
      const holds = await Promise.all([
        [holding(base + 1, base + 2), holding(base + 3, base + 4), holding(base + 5, base + 6)],
        [holding(base + 8, base + 9), holding(base + 10, base + 11), holding(base + 12)],
      ].map((group) => Promise.all(group)));
      const results = await Promise.all(replicas.map((orders, i) => pay(orders, holds[i]!)));
      assert.deepEqual(results.flat().map((r) => r.status === 'fulfilled' && r.value), Array(6).fill('paid'));
    }
    for (const orders of replicas) {
      assert.deepEqual(orders.calls, { begin: rounds, finish: rounds, beginOrderByOrder: 0, finishOrderByOrder: 0 }, 'one call per batch: none waited into a deadlock and ran again');
    }
    const counts = await agree('after the sales of both replicas');
    assert.equal(counts.reduce((sum, g) => sum + g.total - g.remaining, 0), rounds * 11);
  });
});
