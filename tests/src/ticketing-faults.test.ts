/**
 * Faults around a sale (R32, R39, N1, N4): the payment service down or slow, a buyer who never
 * retries after a timeout, the catalog unreachable for a while, and the ticketing process
 * killed with SIGKILL in the middle of a sale. Afterwards the invariants hold: no seat sold
 * twice, no paid order lost, nothing charged without an order, no seat stuck.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { eventually, get, post, request } from './support/http.js';
import { applyPerformance, ownerOf } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';
import { tokenMinter, type Minter } from './support/tokens.js';

const CARD = { number: '4242424242424242', expiry: '12/39', cvc: '123' };

describe('ticketing under faults', () => {
  let platform: RunningPlatform;
  let minter: Minter;
  let payments: pg.Client;
  let setFaults: (faults: { latencyMs?: number; failureRate?: number }) => Promise<void>;

  const pay = (slug: string, token: string, holdId: string, key: string) =>
    request('POST', `${platform.gateway}/e/${slug}/buyticket/orders`, { token, body: { holdId, card: CARD }, headers: { 'idempotency-key': key } });
  const capturedFor = async (orderId: string) =>
    (await payments.query(`select amount, refunded_amount from payments.payments where reference = $1 and status = 'captured'`, [orderId])).rows;

  before(async () => {
    platform = await startPlatform({
      args: ['--slug', 'faults', '--slug', 'crash', '--slug', 'late'],
      env: {
        PERF_FAULTS_PAYMENTS_TIMEOUT_MS: '700',
        PERF_FAULTS_RECONCILE_AFTER_SECONDS: '2',
        PERF_CRASH_HOLD_SECONDS: '4',
        PERF_CRASH_SWEEP_INTERVAL_MS: '200',
        PERF_CRASH_RECONCILE_AFTER_SECONDS: '2',
        PERF_CRASH_PAYMENTS_TIMEOUT_MS: '1000',
        PERF_LATE_HOLD_SECONDS: '1',
        PERF_LATE_SWEEP_INTERVAL_MS: '100',
      },
    });
    minter = await tokenMinter(platform);
    const runtime = await platform.runtime();
    const secrets = await platform.secrets();
    payments = new pg.Client({ connectionString: runtime.databases.payments });
    await payments.connect();
    setFaults = async (faults) => {
      const result = await request('PUT', `${runtime.services.payments!.url}/_faults`, { token: secrets.paymentsApiKey, body: faults });
      assert.equal(result.status, 200, result.text);
    };
    for (const slug of ['faults', 'crash', 'late']) {
      const owner = await ownerOf(platform, slug);
      await applyPerformance(platform, slug, owner.accessToken, [{ name: 'F', grade: 'G', price: 10_000, rows: 10, seatsPerRow: 10 }]);
    }
  });
  after(async () => {
    await payments?.end();
    await platform?.dispose();
  });

  it('answers 503 while payments is down, keeps the hold, and charges once when retried', async () => {
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${platform.gateway}/e/faults/buyticket/holds`, { seatIds: ['F-1-1'] }, token);
    const key = randomUUID();
    await setFaults({ failureRate: 1 });
    try {
      const down = await pay('faults', token, hold.body.holdId, key);
      assert.equal(down.status, 503, down.text);
      assert.equal(down.body.code, 'PAYMENTS_UNAVAILABLE');
    } finally {
      await setFaults({ failureRate: 0 });
    }
    const seat = (await get(`${platform.gateway}/e/faults/seats`)).body.seats.find((s: { id: string }) => s.id === 'F-1-1');
    assert.equal(seat.state, 'held', 'the hold is still valid');
    const retried = await pay('faults', token, hold.body.holdId, key);
    assert.equal(retried.status, 201, retried.text);
    assert.equal((await capturedFor(retried.body.order.id)).length, 1, 'exactly one charge');
  });

  it('answers 504 when payments is slow; a retry with the same key gets the one charge that was made', async () => {
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${platform.gateway}/e/faults/buyticket/holds`, { seatIds: ['F-2-1', 'F-2-2'] }, token);
    const key = randomUUID();
    await setFaults({ latencyMs: 1500 });
    let slow;
    const asked = performance.now();
    let waited;
    try {
      slow = await pay('faults', token, hold.body.holdId, key);
      waited = performance.now() - asked;
    } finally {
      await setFaults({ latencyMs: 0 });
    }
    assert.equal(slow.status, 504, slow.text);
    assert.equal(slow.body.code, 'PAYMENTS_TIMEOUT');
    assert.match(slow.body.detail, /Retry with the same Idempotency-Key/);
    // The time limit (700 ms here) holds for the whole call: a timed-out attempt is not made again.
    assert.ok(waited < 2_000, `the buyer waited ${Math.round(waited)} ms for the answer`);
    const retried = await pay('faults', token, hold.body.holdId, key);
    assert.equal(retried.status, 201, retried.text);
    assert.deepEqual(await capturedFor(retried.body.order.id), [{ amount: 20_000, refunded_amount: 0 }]);
  });

  it('refunds the charge when the hold expires while the card is being charged', async () => {
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${platform.gateway}/e/late/buyticket/holds`, { seatIds: ['F-1-1'] }, token);
    assert.equal(hold.status, 201);
    const key = randomUUID();
    await setFaults({ latencyMs: 1500 }); // the answer arrives after the 1 s hold expired
    let late;
    try {
      late = await pay('late', token, hold.body.holdId, key);
    } finally {
      await setFaults({ latencyMs: 0 });
    }
    assert.equal(late.status, 410, late.text);
    assert.equal(late.body.code, 'HOLD_EXPIRED');
    assert.match(late.body.detail, /refunded/);
    const db = new pg.Client({ connectionString: (await platform.runtime()).performances.late!.database });
    await db.connect();
    try {
      const { rows } = await db.query('select order_id from ticketing.order_requests where idempotency_key = $1', [key]);
      assert.deepEqual(await capturedFor(rows[0].order_id), [{ amount: 10_000, refunded_amount: 10_000 }], 'charged, then refunded in full');
      assert.equal((await db.query('select count(*)::int as n from ticketing.orders')).rows[0].n, 0, 'no order');
    } finally {
      await db.end();
    }
    assert.equal((await pay('late', token, hold.body.holdId, key)).status, 410, 'a retry replays the answer and charges nothing');
  });

  it('refunds a charge whose buyer never came back after a timeout', async () => {
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${platform.gateway}/e/faults/buyticket/holds`, { seatIds: ['F-3-1'] }, token);
    const key = randomUUID();
    await setFaults({ latencyMs: 1500 });
    try {
      assert.equal((await pay('faults', token, hold.body.holdId, key)).status, 504);
    } finally {
      await setFaults({ latencyMs: 0 });
    }
    const db = new pg.Client({ connectionString: (await platform.runtime()).performances.faults!.database });
    await db.connect();
    try {
      const { rows } = await db.query('select order_id from ticketing.order_requests where idempotency_key = $1', [key]);
      const orderId = rows[0].order_id as string;
      const settled = await eventually(async () => {
        const charges = await capturedFor(orderId);
        return charges.length === 1 && charges[0].refunded_amount === charges[0].amount ? charges : undefined;
      }, 20_000, 'the abandoned charge to be refunded');
      assert.equal(settled[0].amount, 10_000);
      assert.equal((await db.query('select count(*)::int as n from ticketing.orders where id = $1', [orderId])).rows[0].n, 0);
      const late = await pay('faults', token, hold.body.holdId, key);
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'IDEMPOTENCY_KEY_EXPIRED');
    } finally {
      await db.end();
    }
  });

  it('finishes a refund that payments could not make at the time, and frees the seat then', async () => {
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${platform.gateway}/e/faults/buyticket/holds`, { seatIds: ['F-4-1'] }, token);
    const order = await pay('faults', token, hold.body.holdId, randomUUID());
    assert.equal(order.status, 201, order.text);
    const ticketId = order.body.tickets[0].id as string;
    const refund = () => post(`${platform.gateway}/e/faults/ticket/tickets/${ticketId}/refund`, undefined, token);
    await setFaults({ failureRate: 1 });
    try {
      const down = await refund();
      assert.equal(down.status, 503, down.text);
      assert.match(down.body.detail, /The refund is recorded and completes on its own; there is no need to ask again\./);
      const again = await refund();
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.code, 'REFUND_IN_PROGRESS');
    } finally {
      await setFaults({ failureRate: 0 });
    }
    const refunded = await eventually(async () => {
      const tickets = (await get(`${platform.gateway}/e/faults/ticket/tickets`, token)).body as Array<{ id: string; state: string }>;
      return tickets.find((t) => t.id === ticketId)?.state === 'refunded' ? tickets : undefined;
    }, 20_000, 'the reconciler to finish the refund');
    assert.equal(refunded.length, 1);
    assert.deepEqual(await capturedFor(order.body.order.id), [{ amount: 10_000, refunded_amount: 10_000 }], 'refunded in full, once');
    const seat = (await get(`${platform.gateway}/e/faults/seats`)).body.seats.find((s: { id: string }) => s.id === 'F-4-1');
    assert.equal(seat.state, 'available', 'the seat is for sale again');
    const orders = await eventually(async () => {
      const mine = (await get(`${platform.gateway}/catalog/me/orders`, token)).body as Array<{ status: string }>;
      return mine[0]?.status === 'refunded' ? mine : undefined;
    }, 20_000, 'the catalog to hear of the refund');
    assert.equal(orders.length, 1);
  });

  it('delays the catalog feed while the catalog is unreachable, and loses nothing', async () => {
    const buyer = await minter.token({ role: 'buyer', sub: randomUUID() });
    const catalogPid = (await platform.runtime()).services.catalog!.pid;
    process.kill(catalogPid, 'SIGSTOP');
    let orderId: string;
    try {
      const hold = await post(`${platform.gateway}/e/faults/buyticket/holds`, { seatIds: ['F-4-1'] }, buyer);
      const order = await pay('faults', buyer, hold.body.holdId, randomUUID());
      assert.equal(order.status, 201);
      orderId = order.body.order.id;
      const db = new pg.Client({ connectionString: (await platform.runtime()).performances.faults!.database });
      await db.connect();
      try {
        const pending = await db.query(`select count(*)::int as n from ticketing.outbox where type = 'order.paid' and delivered_at is null and payload->>'orderId' = $1`, [orderId]);
        assert.equal(pending.rows[0].n, 1, 'the event waits in the outbox');
      } finally {
        await db.end();
      }
    } finally {
      process.kill(catalogPid, 'SIGCONT');
    }
    const mine = await eventually(async () => {
      const r = await get(`${platform.gateway}/catalog/me/orders`, buyer);
      return r.status === 200 && r.body.length === 1 ? r.body : undefined;
    }, 30_000, 'the order to reach the catalog');
    assert.equal(mine[0].orderId, orderId!);
  });

  it('keeps every invariant when the ticketing process is killed in the middle of a sale', async () => {
    const base = `${platform.gateway}/e/crash`;
    const seatIds = Array.from({ length: 100 }, (_, i) => `F-${Math.floor(i / 10) + 1}-${(i % 10) + 1}`);
    let stop = false;
    let paid = 0;
    const outcomes: number[] = [];
    const buyer = async (n: number) => {
      while (!stop) {
        const token = await minter.token({ role: 'buyer' });
        const seat = seatIds[(n * 7 + outcomes.length) % seatIds.length]!;
        const hold = await post(`${base}/buyticket/holds`, { seatIds: [seat] }, token).catch(() => undefined);
        outcomes.push(hold?.status ?? 0);
        if (hold?.status !== 201) continue;
        const order = await pay('crash', token, hold.body.holdId, randomUUID()).catch(() => undefined);
        outcomes.push(order?.status ?? 0);
        if (order?.status === 201) paid += 1;
      }
    };
    const buyers = Array.from({ length: 20 }, (_, n) => buyer(n));
    await eventually(async () => paid >= 30, 30_000, 'some sales');
    const pid = (await platform.runtime()).services['perf-crash']!.pid;
    process.kill(pid, 'SIGKILL');
    await eventually(async () => outcomes.slice(-5).some((s) => s === 502 || s === 0), 10_000, 'the outage to be seen');
    await eventually(async () => (await get(`${base}/event`)).status === 200, 30_000, 'ticketing to come back');
    const paidBeforeRecovery = paid;
    await eventually(async () => paid > paidBeforeRecovery, 30_000, 'sales to resume');
    stop = true;
    await Promise.all(buyers);

    const runtime = await platform.runtime();
    const db = new pg.Client({ connectionString: runtime.performances.crash!.database });
    await db.connect();
    try {
      const q = async (sql: string) => (await db.query(sql)).rows;
      assert.deepEqual(await q(`select seat_id from ticketing.tickets where state <> 'refunded' group by seat_id having count(*) > 1`), [], 'no seat in two live tickets');
      assert.deepEqual(await q(`select s.id from ticketing.seats s left join ticketing.tickets t on t.seat_id = s.id and t.state <> 'refunded'
                                where (s.state = 'sold') <> (t.id is not null)`), [], 'a seat is sold exactly when it has a live ticket');
      assert.deepEqual(await q(`select o.id from ticketing.orders o join ticketing.holds h on h.id = o.hold_id
                                where cardinality(h.seat_ids) <> (select count(*) from ticketing.tickets t where t.order_id = o.id)`), [], 'every order has its tickets');
      const orders = await q('select id, amount from ticketing.orders');
      assert.ok(orders.length >= 30);
      for (const order of orders) {
        assert.deepEqual(await capturedFor(order.id), [{ amount: order.amount, refunded_amount: 0 }], `order ${order.id} has exactly one charge`);
      }
      // Charges whose order never committed (the kill) are refunded by the reconciler.
      const requested = (await q('select order_id::text as id from ticketing.order_requests')).map((r) => r.id as string);
      const ordered = new Set(orders.map((o) => o.id as string));
      await eventually(async () => {
        const { rows } = await payments.query(
          `select reference from payments.payments where status = 'captured' and refunded_amount < amount and reference = any($1)`,
          [requested],
        );
        return rows.every((r) => ordered.has(r.reference));
      }, 30_000, 'charges without an order to be refunded');
      // No seat stays stuck: once the holds of the killed requests expire, every seat is sold or available.
      await eventually(async () => (await q(`select count(*)::int as n from ticketing.seats where state = 'held'`))[0].n === 0, 30_000, 'held seats to be released');
      const counts = (await get(`${base}/seats`)).body.seats.reduce((acc: Record<string, number>, s: { state: string }) => ({ ...acc, [s.state]: (acc[s.state] ?? 0) + 1 }), {});
      assert.equal((counts.sold ?? 0) + (counts.available ?? 0), 100);
      assert.equal(counts.sold, orders.length);
    } finally {
      await db.end();
    }
  });
});
