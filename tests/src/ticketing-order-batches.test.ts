/**
 * Orders that arrive together run in one database call (R32 under load), against a real
 * PostgreSQL with the ticketing schema: begin_order and finish_order calls of one turn each go
 * as one batch, every order as if it were alone; one order's failure leaves the others be; an
 * order that deadlocks with another transaction runs again alone.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { BatchItemError } from '@clove/kit';
import { HoldBatcher } from '../../services/ticketing/dist/holds/hold-batcher.js';
import { OrderBatcher, type BeginOutcome, type FinishRequest } from '../../services/ticketing/dist/orders/order-batcher.js';
import { eventually } from './support/http.js';
import { ticketingDatabase } from './support/ticketing-database.js';

const SEATS = 60;
const PRICE = 1000;
const seat = (n: number) => `S-${String(n).padStart(2, '0')}`;

interface Bought {
  buyerId: string;
  holdId: string;
  key: string;
  seats: string[];
}

describe('order batches', () => {
  const pools = ticketingDatabase('order_batches', 2);

  beforeEach(async () => {
    const [sql] = pools;
    await sql!.query('truncate holds, seats, orders, tickets, order_requests, outbox cascade');
    await sql!.query(
      `insert into seats (id, section, section_position, row_label, number, grade, price)
       select 'S-' || lpad(n::text, 2, '0'), 'S', 0, '1', n, 'A', $2 from generate_series(1, $1::int) as n`,
      [SEATS, PRICE],
    );
  });

  /** A buyer with an active hold of the given seats. */
  const holding = async (...seats: number[]): Promise<Bought> => {
    const bought = { buyerId: randomUUID(), holdId: randomUUID(), key: randomUUID(), seats: seats.map(seat) };
    const outcome = await new HoldBatcher(pools[0]!).hold({
      buyerId: bought.buyerId,
      seatIds: bought.seats,
      holdId: bought.holdId,
      expiresAt: new Date(Date.now() + 600_000),
      max: 4,
    });
    assert.equal(outcome.outcome, 'held');
    return bought;
  };
  const begin = (orders: OrderBatcher, b: Bought, overrides: Partial<{ buyerId: string; holdId: string; hash: string }> = {}) =>
    orders.begin({ buyerId: b.buyerId, key: b.key, hash: 'h', holdId: b.holdId, orderId: randomUUID(), ...overrides });
  const finishing = (b: Bought, orderId: string, seats = b.seats): FinishRequest => ({
    buyerId: b.buyerId,
    key: b.key,
    orderId,
    holdId: b.holdId,
    paymentId: `pay_${orderId}`,
    amount: seats.length * PRICE,
    currency: 'KRW',
    tickets: seats.map((seatId) => ({ id: randomUUID(), seatId, price: PRICE, code: `code-${seatId}` })),
    response: { order: { id: orderId } },
    eventId: randomUUID(),
    event: { orderId },
  });
  const charged = (outcome: BeginOutcome) => {
    assert.equal(outcome.outcome, 'charge');
    return outcome as Extract<BeginOutcome, { outcome: 'charge' }>;
  };
  const one = async <T>(sql: string, values: unknown[]) => (await pools[0]!.query<T & object>(sql, values)).rows[0]!;

  it('begins and finishes the orders of one turn in one call each, every order as if it were alone', async () => {
    const orders = new OrderBatcher(pools[0]!);
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => holding(i + 1)));
    const [expiring, miscounted] = buyers.slice(18);
    const stranger = randomUUID();

    const begun = await Promise.all([
      ...buyers.map((b) => begin(orders, b)),
      begin(orders, buyers[0]!), // the same key again, while the first is under way
      begin(orders, buyers[1]!, { buyerId: stranger }), // someone else's hold
      begin(orders, { ...buyers[2]!, key: randomUUID() }, { holdId: randomUUID() }), // no such hold
    ]);
    assert.deepEqual(orders.calls, { begin: 1, finish: 0, beginOrderByOrder: 0, finishOrderByOrder: 0 }, 'one call for 23 begins, run together');
    buyers.forEach((b, i) => assert.deepEqual(charged(begun[i]!).seats.map((s) => s.id), b.seats));
    assert.deepEqual(begun.slice(20).map((o) => o.outcome), ['in_progress', 'not_your_hold', 'hold_not_found']);

    // One hold expires before its order is finished; one order names a seat its hold lacks.
    await pools[0]!.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [expiring!.holdId]);
    const requests = buyers.map((b, i) => {
      const orderId = charged(begun[i]!).orderId;
      return b === miscounted ? finishing(b, orderId, [...b.seats, seat(SEATS)]) : finishing(b, orderId);
    });
    const finished = await Promise.allSettled(requests.map((r) => orders.finish(r)));
    assert.deepEqual(orders.calls, { begin: 1, finish: 1, beginOrderByOrder: 0, finishOrderByOrder: 1 }, 'one batch for 20 finishes, written order by order');

    const results = finished.map((f) => (f.status === 'fulfilled' ? f.value : f.reason));
    assert.deepEqual(results.slice(0, 18), Array(18).fill('paid'));
    assert.equal(results[18], 'expired');
    assert.ok(results[19] instanceof BatchItemError, 'the miscounted order fails');
    assert.match((results[19] as BatchItemError).message, /had 1 seats, expected 2/);

    const counts = await one<{ orders: string; tickets: string; sold: string; events: string; done: string }>(
      `select (select count(*) from orders) as orders, (select count(*) from tickets) as tickets,
              (select count(*) from seats where state = 'sold') as sold,
              (select count(*) from outbox where type = 'order.paid') as events,
              (select count(*) from order_requests where status = 'done') as done`,
      [],
    );
    assert.deepEqual(counts, { orders: '18', tickets: '18', sold: '18', events: '18', done: '18' }, 'the failed and expired orders left nothing behind');
    for (const b of [expiring!, miscounted!]) {
      const row = await one<{ state: string; hold_id: string | null }>('select state, hold_id from seats where id = $1', [b.seats[0]]);
      assert.deepEqual(row, { state: 'held', hold_id: b.holdId }, `${b.seats[0]} is still under its hold`);
    }
  });

  it('writes a batch of orders together when every order can be finished or refused on its own terms', async () => {
    const orders = new OrderBatcher(pools[0]!);
    const buyers = await Promise.all(Array.from({ length: 12 }, (_, i) => holding(2 * i + 1, 2 * i + 2)));
    const begun = await Promise.all(buyers.map((b) => begin(orders, b)));
    const [expiring, givenUp] = buyers.slice(10);
    await pools[0]!.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [expiring!.holdId]);
    await pools[0]!.query(`update order_requests set status = 'abandoned' where buyer_id = $1`, [givenUp!.buyerId]);

    const requests = buyers.map((b, i) => finishing(b, charged(begun[i]!).orderId));
    const results = await Promise.all(requests.map((r) => orders.finish(r)));
    assert.deepEqual(results, [...Array(10).fill('paid'), 'expired', 'abandoned']);
    assert.deepEqual(orders.calls, { begin: 1, finish: 1, beginOrderByOrder: 0, finishOrderByOrder: 0 }, 'one statement per step for the whole batch');

    const paid = requests.slice(0, 10);
    const tickets = await pools[0]!.query<{ id: string; order_id: string; seat_id: string; buyer_id: string; code: string; state: string }>(
      'select id, order_id, seat_id, buyer_id, code, state from tickets order by seat_id',
    );
    assert.deepEqual(
      tickets.rows,
      paid.flatMap((r) => r.tickets.map((t) => ({ id: t.id, order_id: r.orderId, seat_id: t.seatId, buyer_id: r.buyerId, code: t.code, state: 'valid' }))),
    );
    const sold = await pools[0]!.query<{ id: string; order_id: string }>(`select id, order_id from seats where state = 'sold' order by id`);
    assert.deepEqual(sold.rows, paid.flatMap((r) => r.tickets.map((t) => ({ id: t.seatId, order_id: r.orderId }))));
    const stored = await pools[0]!.query<{ order_id: string; response_body: unknown }>(
      `select order_id, response_body from order_requests where status = 'done' order by order_id`,
    );
    const byOrder = [...paid].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
    assert.deepEqual(stored.rows, byOrder.map((r) => ({ order_id: r.orderId, response_body: r.response })), 'each answer stored for replay');
    for (const r of paid) {
      const row = await one<{ amount: number; payment_id: string; hold: string }>(
        'select o.amount, o.payment_id, h.status as hold from orders o join holds h on h.id = o.hold_id where o.id = $1',
        [r.orderId],
      );
      assert.deepEqual(row, { amount: r.amount, payment_id: r.paymentId, hold: 'converted' });
    }
    const events = await pools[0]!.query<{ id: string; payload: unknown }>(`select id, payload from outbox where type = 'order.paid' order by seq`);
    assert.deepEqual(events.rows, paid.map((r) => ({ id: r.eventId, payload: r.event })), 'the events, in the order of the orders');
    for (const b of [expiring!, givenUp!]) {
      const rows = await pools[0]!.query<{ state: string; hold_id: string | null }>('select state, hold_id from seats where id = any($1) order by id', [b.seats]);
      assert.deepEqual(rows.rows, b.seats.map(() => ({ state: 'held', hold_id: b.holdId })), `${b.seats.join(', ')} still under their hold`);
    }
  });

  it('begins new requests and retried ones in one batch, each with the answer it would have alone', async () => {
    const orders = new OrderBatcher(pools[0]!);
    const [paid, pending, retryable, expiring, givenUp, fresh] = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => holding(n)));
    const first = await Promise.all([paid, pending, retryable, givenUp].map((b) => begin(orders, b!)));
    const paidRequest = finishing(paid!, charged(first[0]!).orderId);
    assert.equal(await orders.finish(paidRequest), 'paid');
    await pools[0]!.query(`update order_requests set status = 'retryable' where buyer_id = $1`, [retryable!.buyerId]);
    await pools[0]!.query(`update order_requests set status = 'abandoned' where buyer_id = $1`, [givenUp!.buyerId]);
    await pools[0]!.query(`update holds set expires_at = now() - interval '1 second' where id = $1`, [expiring!.holdId]);
    const callsBefore = orders.calls.begin;

    const again = await Promise.all([
      begin(orders, paid!), // the same request again, after it was paid
      begin(orders, pending!, { hash: 'another body' }), // the same key for another request
      begin(orders, retryable!), // again after a payment that could not be made
      begin(orders, expiring!),
      begin(orders, givenUp!),
      begin(orders, fresh!),
    ]);
    assert.equal(orders.calls.begin - callsBefore, 1, 'one call');
    assert.equal(orders.calls.beginOrderByOrder, 0, 'run together');
    assert.deepEqual(again[0], { outcome: 'replay', status: 201, body: paidRequest.response });
    assert.deepEqual(again[1], { outcome: 'reused' });
    assert.equal(charged(again[2]!).orderId, charged(first[2]!).orderId, 'a retry keeps the order id the key was first given');
    assert.deepEqual(charged(again[2]!).seats.map((s) => s.id), retryable!.seats);
    assert.equal(again[3]!.outcome, 'hold_expired');
    assert.deepEqual(again[4], { outcome: 'abandoned' });
    assert.deepEqual(charged(again[5]!).seats, [{ id: seat(6), section: 'S', row: '1', number: 6, grade: 'A', price: PRICE }]);
    const statuses = await pools[0]!.query<{ buyer_id: string; status: string }>('select buyer_id, status from order_requests');
    const byBuyer = new Map(statuses.rows.map((r) => [r.buyer_id, r.status]));
    assert.deepEqual(
      [paid, pending, retryable, expiring, givenUp, fresh].map((b) => byBuyer.get(b!.buyerId)),
      ['done', 'pending', 'pending', 'pending', 'abandoned', 'pending'],
    );
  });

  it('writes two payments of one hold in one batch order by order: the first is paid, the second finds the hold gone', async () => {
    const orders = new OrderBatcher(pools[0]!);
    const b = await holding(1, 2);
    const other = { ...b, key: randomUUID() };
    const begun = await Promise.all([begin(orders, b), begin(orders, other)]);
    const results = await Promise.all([finishing(b, charged(begun[0]!).orderId), finishing(other, charged(begun[1]!).orderId)].map((r) => orders.finish(r)));
    assert.deepEqual(results, ['paid', 'expired']);
    assert.equal(orders.calls.finishOrderByOrder, 1);
    assert.equal((await one<{ n: string }>('select count(*) as n from tickets', [])).n, '2');
  });

  it('runs a batch that deadlocked with another transaction again, order by order', async () => {
    const orders = new OrderBatcher(pools[0]!);
    const [first, second] = [await holding(1), await holding(2)];
    const begun = await Promise.all([first, second].map((b) => begin(orders, b)));
    const requests = [finishing(first, charged(begun[0]!).orderId), finishing(second, charged(begun[1]!).orderId)];

    const other = await pools[1]!.connect();
    try {
      // The other transaction holds the first order's hold, so the batch, having locked both
      // requests, waits there; then the other transaction wants the first order's request.
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`); // the batch is the one to notice
      await other.query('select 1 from holds where id = $1 for update', [first.holdId]);
      const finished = requests.map((r) => orders.finish(r));
      const waiting = async () => Number((await one<{ n: string }>('select count(*) as n from pg_locks where not granted', [])).n);
      await eventually(async () => (await waiting()) >= 1, 10_000, 'the batch to wait for the first hold');
      await other.query('select 1 from order_requests where buyer_id = $1 for update', [first.buyerId]);
      await other.query('commit');

      assert.deepEqual(await Promise.all(finished), ['paid', 'paid']);
      assert.equal(orders.calls.finish, 3, 'the batch, then each order alone');
      const sold = await pools[0]!.query<{ id: string }>(`select id from seats where state = 'sold' order by id`);
      assert.deepEqual(sold.rows.map((r) => r.id), [seat(1), seat(2)]);
    } finally {
      await other.query('rollback').catch(() => undefined);
      other.release();
    }
  });
});
