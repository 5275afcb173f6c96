/**
 * R27, R34, R35, R39: the catalog read model against a real PostgreSQL, through inject. Events
 * are delivered as the performances' outbox relays deliver them: at least once, in batches that
 * may repeat, race each other and arrive out of order.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { startTestIssuer, type TestIssuer } from './support/issuer.js';
import { buildApp, type CatalogApp } from '../../services/catalog/dist/app.js';
import { loadCatalogConfig } from '../../services/catalog/dist/config.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';

const INGEST_TOKEN = 'ingest-secret-0123456789';
const SECOND_INGEST_TOKEN = 'another-ingest-secret-42';

type EventType = 'event.updated' | 'order.paid' | 'order.refunded';
interface CatalogEvent {
  id: string;
  type: EventType;
  slug: string;
  sequence: number;
  occurredAt: string;
  data: Record<string, unknown>;
}

const event = (type: EventType, slug: string, sequence: number, data: Record<string, unknown>): CatalogEvent => ({
  id: randomUUID(),
  type,
  slug,
  sequence,
  occurredAt: new Date().toISOString(),
  data,
});

function updated(slug: string, sequence: number, data: Record<string, unknown> = {}): CatalogEvent {
  return event('event.updated', slug, sequence, {
    title: `Performance ${slug}`,
    venue: 'Main Stage',
    startsAt: '2030-04-01T19:00:00.000Z',
    endsAt: '2030-04-01T21:00:00.000Z',
    saleOpensAt: null,
    lowestPrice: 3000,
    currency: 'EUR',
    remaining: 100,
    totalSeats: 100,
    url: `/e/${slug}/`,
    ...data,
  });
}

interface Seat { id: string; seatId: string; section: string; row: string | number; number: number; grade: string; price: number; code: string }

function seats(count: number, price = 3000, section = 'A'): Seat[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    seatId: `${section}-1-${i + 1}`,
    section,
    row: '1',
    number: i + 1,
    grade: 'R',
    price,
    code: `code-${randomUUID()}`,
  }));
}

interface Order { orderId: string; buyerId: string; slug: string; tickets: Seat[]; amount: number }

function newOrder(slug: string, buyerId: string, tickets: Seat[]): Order {
  return { orderId: randomUUID(), buyerId, slug, tickets, amount: tickets.reduce((sum, t) => sum + t.price, 0) };
}

function paid(order: Order, sequence: number, remaining: number, paidAt = new Date().toISOString(), startsAt = '2030-04-01T19:00:00.000Z'): CatalogEvent {
  return event('order.paid', order.slug, sequence, {
    orderId: order.orderId,
    buyerId: order.buyerId,
    title: `Performance ${order.slug}`,
    venue: 'Town Hall',
    startsAt,
    amount: order.amount,
    currency: 'EUR',
    paidAt,
    remaining,
    tickets: order.tickets,
  });
}

function refunded(order: Order, sequence: number, tickets: Seat[], orderStatus: 'refunded' | 'partially_refunded', remaining: number): CatalogEvent {
  return event('order.refunded', order.slug, sequence, {
    orderId: order.orderId,
    buyerId: order.buyerId,
    ticketIds: tickets.map((t) => t.id),
    refundAmount: tickets.reduce((sum, t) => sum + t.price, 0),
    refundedAt: new Date().toISOString(),
    orderStatus,
    remaining,
  });
}

describe('catalog', () => {
  let db: TestDatabase;
  let catalog: CatalogApp;
  let issuer: TestIssuer;

  before(async () => {
    db = await startTestDatabase();
    issuer = await startTestIssuer();
    catalog = await buildApp(
      loadCatalogConfig({
        DATABASE_URL: await db.createDatabase('catalog_test'),
        AUTH_JWKS_URL: issuer.jwksUrl,
        CATALOG_INGEST_TOKENS: `${INGEST_TOKEN}, ${SECOND_INGEST_TOKEN}`,
      }),
      { silent: true },
    );
  });
  after(async () => {
    await catalog?.close();
    await issuer?.close();
    await db?.stop();
  });

  const tokenFor = (role: 'buyer' | 'seller' | 'admin', userId?: string) => issuer.tokenFor(role, userId);

  const deliver = (events: CatalogEvent[], token = INGEST_TOKEN) =>
    catalog.app.inject({ method: 'POST', url: '/events', headers: { authorization: `Bearer ${token}` }, payload: { events } });

  async function deliverOk(events: CatalogEvent[]) {
    const response = await deliver(events);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { accepted: number; duplicates: number };
  }

  const get = (url: string, token?: string) =>
    catalog.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function listed(slug: string) {
    const response = await get(`/events?q=${encodeURIComponent(`Performance ${slug}`)}`);
    assert.equal(response.statusCode, 200);
    return (response.json() as Array<Record<string, unknown>>).find((p) => p.slug === slug);
  }

  const buyerView = async (buyerId: string) => {
    const token = await tokenFor('buyer', buyerId);
    const orders = await get('/me/orders', token);
    const tickets = await get('/me/tickets', token);
    assert.equal(orders.statusCode, 200, orders.body);
    assert.equal(tickets.statusCode, 200, tickets.body);
    return { orders: orders.json() as any[], tickets: tickets.json() as any[] };
  };

  const TABLES = ['processed_events', 'performances', 'orders', 'tickets', 'order_refunds', 'refunded_tickets'];

  /** Every row of the read model (but the time each event was received), to compare states. */
  async function dump() {
    const state: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const { rows } = await catalog.pool.query(`select to_jsonb(t) - 'received_at' as row from ${table} t order by 1`);
      state[table] = rows.map((r) => r.row);
    }
    return state;
  }

  async function countOf(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await catalog.pool.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params);
    return rows[0]!.n;
  }

  it('accepts deliveries only with a configured ingest token', async () => {
    const batch = [updated('auth-check', 1)];
    const missing = await catalog.app.inject({ method: 'POST', url: '/events', payload: { events: batch } });
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.json().code, 'TOKEN_MISSING');
    const wrong = await deliver(batch, 'not-the-ingest-secret-at-all');
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'INVALID_TOKEN');
    assert.equal((await deliver(batch, `${INGEST_TOKEN}x`)).statusCode, 401);
    assert.equal((await deliver(batch, await tokenFor('admin'))).statusCode, 401, 'a user token is no ingest token');
    assert.equal(await countOf('processed_events where slug = $1', ['auth-check']), 0, 'nothing was applied');

    assert.deepEqual(await deliverOk(batch), { accepted: 1, duplicates: 0 });
    assert.deepEqual((await deliver([updated('auth-check', 2)], SECOND_INGEST_TOKEN)).json(), { accepted: 1, duplicates: 0 });
  });

  it('lists performances soonest first and searches title and venue', async () => {
    assert.deepEqual(
      await deliverOk([
        updated('spring-gala', 1, { title: 'Spring Gala', venue: 'Town Hall', startsAt: '2030-04-01T19:00:00Z', lowestPrice: 3000, remaining: 120 }),
        updated('jazz-night', 1, { title: '100% Jazz', venue: 'Blue Note', startsAt: '2030-03-01T20:00:00Z', lowestPrice: null, remaining: 40 }),
        updated('opera-night', 1, { title: 'Opera Night', venue: 'Town Hall Annex', startsAt: '2030-05-01T18:30:00+02:00', lowestPrice: 9000, remaining: 0 }),
        updated('same-time-b', 1, { title: 'Twin B', venue: 'Twin Stage', startsAt: '2030-06-01T19:00:00Z' }),
        updated('same-time-a', 1, { title: 'Twin A', venue: 'Twin Stage', startsAt: '2030-06-01T19:00:00Z' }),
      ]),
      { accepted: 5, duplicates: 0 },
    );

    const all = await get('/events?limit=100');
    assert.equal(all.statusCode, 200);
    const mine = (all.json() as Array<Record<string, unknown>>).filter((p) =>
      ['spring-gala', 'jazz-night', 'opera-night', 'same-time-a', 'same-time-b'].includes(p.slug as string));
    assert.deepEqual(mine.map((p) => p.slug), ['jazz-night', 'spring-gala', 'opera-night', 'same-time-a', 'same-time-b']);
    assert.deepEqual(mine[1], {
      slug: 'spring-gala',
      title: 'Spring Gala',
      venue: 'Town Hall',
      startsAt: '2030-04-01T19:00:00.000Z',
      lowestPrice: 3000,
      remaining: 120,
      url: '/e/spring-gala/',
    });
    assert.equal(mine[0]?.lowestPrice, null);
    assert.equal(mine[2]?.startsAt, '2030-05-01T16:30:00.000Z');

    const search = async (q: string, extra = '') => {
      const response = await get(`/events?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as Array<{ slug: string }>).map((p) => p.slug);
    };
    assert.deepEqual(await search('town HALL'), ['spring-gala', 'opera-night'], 'venue, any letter case');
    assert.deepEqual(await search('jAzZ'), ['jazz-night'], 'title, any letter case');
    assert.deepEqual(await search('%'), ['jazz-night'], '% is a character, not a wildcard');
    assert.deepEqual(await search('Twin_'), [], '_ is a character, not a wildcard');
    assert.deepEqual(await search('town hall', '&limit=1&offset=1'), ['opera-night']);
    assert.deepEqual(await search('nothing like this'), []);

    assert.equal((await get(`/events?q=${'x'.repeat(101)}`)).statusCode, 400);
    assert.equal((await get('/events?limit=0')).statusCode, 400);
    assert.equal((await get('/events?limit=101')).statusCode, 400);
    assert.equal((await get('/events?offset=-1')).statusCode, 400);
    for (const spelled of ['0x10', '1e1', '0b11', '%2010', 'Infinity']) {
      const refused = await get(`/events?limit=${spelled}`);
      assert.equal(refused.statusCode, 400, `limit=${spelled}`);
      assert.match(refused.body, /"path":"\/querystring\/limit".*whole number written in decimal, such as 10"/, `limit=${spelled}`);
    }
    assert.equal((await get('/events?limit=010')).statusCode, 200, 'a decimal with a leading zero is still a decimal');
  });

  it('never lets an older snapshot overwrite a newer one', async () => {
    await deliverOk([updated('stale-check', 5, { title: 'Performance stale-check (new)', remaining: 7 })]);
    assert.deepEqual(
      await deliverOk([updated('stale-check', 3, { title: 'Performance stale-check (old)', venue: 'Elsewhere', remaining: 99 })]),
      { accepted: 1, duplicates: 0 },
      'the older event is new to the catalog, so it is accepted, but it changes nothing',
    );
    const shown = await listed('stale-check');
    assert.equal(shown?.title, 'Performance stale-check (new)');
    assert.equal(shown?.venue, 'Main Stage');
    assert.equal(shown?.remaining, 7);

    await deliverOk([updated('stale-check', 6, { title: 'Performance stale-check (newest)', remaining: 6 })]);
    assert.equal((await listed('stale-check'))?.title, 'Performance stale-check (newest)');
  });

  it('shows a paid order to its buyer only, and counts down the remaining seats', async () => {
    await deliverOk([updated('paid-show', 1, { remaining: 10 })]);
    await deliverOk([updated('zz-early-show', 1, { remaining: 10, startsAt: '2030-02-01T19:00:00Z' })]);
    const buyerId = randomUUID();
    const order = newOrder('paid-show', buyerId, [...seats(1, 5000, 'B'), ...seats(2, 3000, 'A')]);
    const earlier = newOrder('zz-early-show', buyerId, seats(1, 2000));
    const paidAt = '2030-01-05T10:00:00.000Z';
    assert.deepEqual(
      await deliverOk([paid(order, 2, 7, paidAt), paid(earlier, 2, 9, '2030-01-04T10:00:00.000Z', '2030-02-01T19:00:00.000Z')]),
      { accepted: 2, duplicates: 0 },
    );

    const { orders, tickets } = await buyerView(buyerId);
    assert.deepEqual(orders.map((o) => o.orderId), [order.orderId, earlier.orderId], 'newest first');
    assert.deepEqual(orders[0], {
      orderId: order.orderId,
      slug: 'paid-show',
      title: 'Performance paid-show',
      venue: 'Town Hall',
      startsAt: '2030-04-01T19:00:00.000Z',
      amount: 11000,
      refundedAmount: 0,
      currency: 'EUR',
      status: 'paid',
      paidAt,
      performanceRemoved: false,
      tickets: [order.tickets[1]!, order.tickets[2]!, order.tickets[0]!].map(({ code: _code, ...t }) => ({ ...t, state: 'valid' })),
    });
    assert.deepEqual(
      tickets.map((t) => [t.slug, t.seatId]),
      [['zz-early-show', 'A-1-1'], ['paid-show', 'A-1-1'], ['paid-show', 'A-1-2'], ['paid-show', 'B-1-1']],
      'by start time, then seat',
    );
    assert.deepEqual(tickets[1], {
      id: order.tickets[1]!.id,
      slug: 'paid-show',
      title: 'Performance paid-show',
      venue: 'Town Hall',
      startsAt: '2030-04-01T19:00:00.000Z',
      seatId: 'A-1-1',
      section: 'A',
      row: '1',
      number: 1,
      grade: 'R',
      price: 3000,
      code: order.tickets[1]!.code,
      orderId: order.orderId,
      performanceRemoved: false,
    });
    assert.equal((await listed('paid-show'))?.remaining, 7);

    const stranger = await buyerView(randomUUID());
    assert.deepEqual(stranger, { orders: [], tickets: [] }, 'another buyer sees none of it');
    const seller = await tokenFor('seller', buyerId);
    assert.equal((await get('/me/orders', seller)).statusCode, 403);
    assert.equal((await get('/me/tickets', seller)).statusCode, 403);
    assert.equal((await get('/me/orders')).statusCode, 401);
    assert.equal((await get('/me/tickets')).statusCode, 401);
    assert.equal((await get('/me/orders', 'not.a.token')).statusCode, 401);

    // A newer snapshot of the performance (the seller moved it) shows in the order.
    await deliverOk([updated('paid-show', 3, { startsAt: '2030-09-01T19:00:00Z', remaining: 7 })]);
    assert.equal((await buyerView(buyerId)).orders[0].startsAt, '2030-09-01T19:00:00.000Z');
  });

  it('applies a repeated delivery once: duplicates are counted and nothing changes', async () => {
    const buyerId = randomUUID();
    const order = newOrder('repeat-show', buyerId, seats(2));
    const batch = [updated('repeat-show', 1, { remaining: 10 }), paid(order, 2, 8), refunded(order, 3, order.tickets.slice(0, 1), 'partially_refunded', 9)];
    assert.deepEqual(await deliverOk(batch), { accepted: 3, duplicates: 0 });
    const before = await dump();
    const view = await buyerView(buyerId);

    assert.deepEqual(await deliverOk(batch), { accepted: 0, duplicates: 3 });
    assert.deepEqual(await deliverOk([...batch].reverse()), { accepted: 0, duplicates: 3 });
    assert.deepEqual(await deliverOk([batch[1]!, batch[1]!]), { accepted: 0, duplicates: 2 });
    assert.deepEqual(await dump(), before);
    assert.deepEqual(await buyerView(buyerId), view);
    assert.equal(view.orders[0].refundedAmount, 3000, 'the refund counted once');

    // An id repeated inside one new batch is applied once too.
    const again = updated('repeat-show', 4, { remaining: 9 });
    assert.deepEqual(await deliverOk([again, again]), { accepted: 1, duplicates: 1 });

    // One order sent twice in one batch under two event ids (a publisher's retry) is written once.
    const retried = newOrder('repeat-show', buyerId, seats(2, 3000, 'B'));
    const first = paid(retried, 5, 7);
    assert.deepEqual(await deliverOk([first, { ...first, id: randomUUID(), sequence: 6 }]), { accepted: 2, duplicates: 0 });
    const mine = (await buyerView(buyerId)).orders.filter((o: { orderId: string }) => o.orderId === retried.orderId);
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0].tickets.map((t: { id: string }) => t.id).sort(), retried.tickets.map((t) => t.id).sort());
  });

  it('ends right when a refund arrives before its order', async () => {
    const buyerId = randomUUID();
    await deliverOk([updated('late-show', 1, { remaining: 50 })]);
    const order = newOrder('late-show', buyerId, seats(2));
    const paidEvent = paid(order, 2, 48);
    const refundEvent = refunded(order, 3, order.tickets, 'refunded', 50);

    assert.deepEqual(await deliverOk([refundEvent]), { accepted: 1, duplicates: 0 });
    assert.deepEqual(await buyerView(buyerId), { orders: [], tickets: [] }, 'no order before its order.paid');
    assert.equal((await listed('late-show'))?.remaining, 50);

    assert.deepEqual(await deliverOk([paidEvent]), { accepted: 1, duplicates: 0 });
    const { orders, tickets } = await buyerView(buyerId);
    assert.equal(orders.length, 1);
    assert.equal(orders[0].status, 'refunded');
    assert.equal(orders[0].refundedAmount, order.amount);
    assert.deepEqual(orders[0].tickets.map((t: { state: string }) => t.state), ['refunded', 'refunded']);
    assert.deepEqual(tickets, [], 'refunded tickets are not valid tickets');
    assert.equal((await listed('late-show'))?.remaining, 50, 'the older order.paid does not set remaining');
  });

  it('keeps a partially refunded order, and ends refunded in any arrival order', async () => {
    const buyerId = randomUUID();
    await deliverOk([updated('part-show', 1, { remaining: 20 })]);
    const order = newOrder('part-show', buyerId, seats(3, 2500));
    const [first, second, third] = order.tickets as [Seat, Seat, Seat];
    await deliverOk([paid(order, 2, 17)]);
    await deliverOk([refunded(order, 3, [first], 'partially_refunded', 18)]);

    let view = await buyerView(buyerId);
    assert.equal(view.orders[0].status, 'partially_refunded');
    assert.equal(view.orders[0].refundedAmount, 2500);
    assert.deepEqual(
      view.orders[0].tickets.map((t: { id: string; state: string }) => [t.id, t.state]),
      [[first.id, 'refunded'], [second.id, 'valid'], [third.id, 'valid']],
    );
    assert.deepEqual(view.tickets.map((t) => t.id), [second.id, third.id]);
    assert.equal((await listed('part-show'))?.remaining, 18);

    // The last refund overtakes the second one.
    await deliverOk([refunded(order, 5, [third], 'refunded', 20)]);
    await deliverOk([refunded(order, 4, [second], 'partially_refunded', 19)]);
    view = await buyerView(buyerId);
    assert.equal(view.orders[0].status, 'refunded', 'the status of the newest refund wins');
    assert.equal(view.orders[0].refundedAmount, 7500);
    assert.deepEqual(view.tickets, []);
    assert.equal((await listed('part-show'))?.remaining, 20);
  });

  it('applies 20 concurrent deliveries of one batch exactly once', async () => {
    const buyerId = randomUUID();
    const order = newOrder('race-show', buyerId, seats(2));
    const batch = [updated('race-show', 1, { remaining: 10 }), paid(order, 2, 8), refunded(order, 3, order.tickets.slice(0, 1), 'partially_refunded', 9)];
    const results = await Promise.all(Array.from({ length: 20 }, () => deliverOk(batch)));
    assert.equal(results.reduce((sum, r) => sum + r.accepted, 0), 3);
    assert.ok(results.every((r) => r.accepted + r.duplicates === 3));

    const ids = batch.map((e) => e.id);
    assert.equal(await countOf('processed_events where id = any($1::uuid[])', [ids]), 3);
    assert.equal(await countOf('performances where slug = $1', ['race-show']), 1);
    assert.equal(await countOf('orders where id = $1', [order.orderId]), 1);
    assert.equal(await countOf('tickets where order_id = $1', [order.orderId]), 2);
    assert.equal(await countOf('order_refunds where order_id = $1', [order.orderId]), 1);
    assert.equal(await countOf('refunded_tickets where order_id = $1', [order.orderId]), 1);
    const { orders } = await buyerView(buyerId);
    assert.equal(orders[0].refundedAmount, 3000);
    assert.equal(orders[0].status, 'partially_refunded');
    assert.equal((await listed('race-show'))?.remaining, 9);
  });

  it('loses no refund when an order and its refund are delivered side by side', async () => {
    const buyerId = randomUUID();
    await deliverOk([updated('side-show', 1, { remaining: 100 })]);
    const orders = Array.from({ length: 10 }, () => newOrder('side-show', buyerId, seats(1)));
    await Promise.all(orders.flatMap((order, i) => [
      deliverOk([paid(order, 2 + 2 * i, 50)]),
      deliverOk([refunded(order, 3 + 2 * i, order.tickets, 'refunded', 51)]),
    ]));
    const view = await buyerView(buyerId);
    assert.equal(view.orders.length, 10);
    assert.ok(view.orders.every((o) => o.status === 'refunded' && o.refundedAmount === 3000), JSON.stringify(view.orders));
    assert.deepEqual(view.tickets, []);
  });

  it('refuses a batch with an unknown type or a bad shape, naming the field, and applies none of it', async () => {
    const before = await dump();
    const good = updated('never-listed', 1);
    const order = newOrder('never-listed', randomUUID(), seats(1));

    const unknown = await deliver([good, { ...updated('never-listed', 2), type: 'order.cancelled' as EventType }]);
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(unknown.json().code, 'VALIDATION_FAILED');
    assert.ok(unknown.json().errors.some((e: { path: string }) => e.path === '/body/events/1/type'), unknown.body);

    const badTicket = paid(order, 2, 0);
    (badTicket.data.tickets as Array<Record<string, unknown>>)[0]!.price = 'free';
    const shape = await deliver([good, badTicket]);
    assert.equal(shape.statusCode, 400);
    assert.deepEqual(shape.json().errors.map((e: { path: string }) => e.path), ['/body/events/1/data/tickets/0/price']);
    assert.match(shape.json().detail, /tickets\/0\/price/);

    const missing = updated('never-listed', 3);
    delete missing.data.title;
    const missingResponse = await deliver([good, missing]);
    assert.equal(missingResponse.statusCode, 400);
    assert.deepEqual(missingResponse.json().errors, [{ path: '/body/events/1/data/title', message: 'is required' }]);

    const envelope = await deliver([good, { ...updated('Not A Slug', 1) }, { ...updated('never-listed', 0) }]);
    assert.equal(envelope.statusCode, 400);
    const paths = envelope.json().errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('/body/events/1/slug') && paths.includes('/body/events/2/sequence'), paths.join());

    assert.equal((await deliver([])).statusCode, 400);
    assert.equal((await deliver(Array.from({ length: 501 }, (_, i) => updated('too-many', i + 1)))).statusCode, 400);

    assert.deepEqual(await dump(), before, 'nothing of a refused batch was applied');
    assert.equal(await listed('never-listed'), undefined);
  });

  describe('performances one after another under one slug', () => {
    const OLD = randomUUID();
    const NEW = randomUUID();
    const of = (generation: string, e: CatalogEvent) => ({ ...e, generation });
    const shown = async (slug: string) => {
      const response = await get('/events?limit=100');
      return (response.json() as Array<Record<string, unknown>>).find((p) => p.slug === slug);
    };
    const buyerId = randomUUID();
    const order = newOrder('reused-slug', buyerId, seats(1));

    it('lists the new performance from its first event, though its sequences start again at 1', async () => {
      await deliverOk([of(OLD, updated('reused-slug', 5, { title: 'Temp Show', venue: 'Old Hall', remaining: 40 }))]);
      await deliverOk([of(OLD, paid(order, 6, 39))]);
      await deliverOk([of(NEW, updated('reused-slug', 1, {
        title: 'Brand New Show', venue: 'New Arena', startsAt: '2031-06-01T19:00:00.000Z', lowestPrice: 9000, remaining: 80,
      }))]);
      const listing = await shown('reused-slug');
      assert.equal(listing?.title, 'Brand New Show');
      assert.equal(listing?.venue, 'New Arena');
      assert.equal(listing?.startsAt, '2031-06-01T19:00:00.000Z');
      assert.equal(listing?.lowestPrice, 9000);
      assert.equal(listing?.remaining, 80);
      const found = (await get('/events?q=brand')).json() as Array<{ slug: string }>;
      assert.ok(found.some((p) => p.slug === 'reused-slug'));
    });

    it('acknowledges a late event of the replaced performance and lets it change no listing', async () => {
      const late = await deliver([of(OLD, updated('reused-slug', 7, { title: 'Temp Show (moved)', remaining: 38 }))]);
      assert.equal(late.statusCode, 200, late.body);
      assert.deepEqual(late.json(), { accepted: 1, duplicates: 0 });
      const listing = await shown('reused-slug');
      assert.equal(listing?.title, 'Brand New Show');
      assert.equal(listing?.remaining, 80);
    });

    it('keeps an order of the replaced performance as it was sold, marked, whatever the new one announces', async () => {
      await deliverOk([of(NEW, updated('reused-slug', 9, { title: 'Brand New Show (encore)', venue: 'New Arena' }))]);
      const { orders, tickets } = await buyerView(buyerId);
      assert.equal(orders[0].title, 'Performance reused-slug');
      assert.equal(orders[0].venue, 'Town Hall');
      assert.equal(orders[0].startsAt, '2030-04-01T19:00:00.000Z');
      assert.equal(orders[0].performanceRemoved, true);
      assert.equal(tickets[0].title, 'Performance reused-slug');
      assert.equal(tickets[0].performanceRemoved, true);
    });

    it('records a late order of the replaced performance for its buyer, off the new listing', async () => {
      const lateBuyer = randomUUID();
      const remaining = (await shown('reused-slug'))?.remaining;
      await deliverOk([of(OLD, paid(newOrder('reused-slug', lateBuyer, seats(1)), 10, 3))]);
      const { orders } = await buyerView(lateBuyer);
      assert.equal(orders.length, 1);
      assert.equal(orders[0].performanceRemoved, true);
      assert.equal((await shown('reused-slug'))?.remaining, remaining);
    });

    it('withdraws a deleted performance with an ingest token; its late events do not list it again', async () => {
      const buyerOfNew = randomUUID();
      await deliverOk([of(NEW, paid(newOrder('reused-slug', buyerOfNew, seats(1)), 11, 79))]);
      assert.equal((await buyerView(buyerOfNew)).orders[0].performanceRemoved, false);
      const url = `/performances/reused-slug/generations/${NEW}`;
      assert.equal((await catalog.app.inject({ method: 'DELETE', url })).statusCode, 401);
      for (let i = 0; i < 2; i++) {
        const withdrawn = await catalog.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
        assert.equal(withdrawn.statusCode, 204, withdrawn.body);
      }
      assert.equal(await shown('reused-slug'), undefined);
      const { orders } = await buyerView(buyerOfNew);
      assert.equal(orders[0].title, 'Performance reused-slug');
      assert.equal(orders[0].performanceRemoved, true);

      assert.equal((await deliver([of(NEW, updated('reused-slug', 12, { title: 'Brand New Show (late)' }))])).statusCode, 200);
      assert.equal(await shown('reused-slug'), undefined);

      await deliverOk([of(randomUUID(), updated('reused-slug', 1, { title: 'Third Show' }))]);
      assert.equal((await shown('reused-slug'))?.title, 'Third Show');
    });

    it('keeps the listed show when a deleted deployment\'s first events arrive after its successor\'s, before its withdrawal', async () => {
      // Deployment ids are time-ordered: the deleted one was made before the one that took its slug.
      const deleted = uuidv7();
      const successor = uuidv7();
      await deliverOk([of(successor, updated('late-slug', 1, { title: 'Successor Show', remaining: 50 }))]);
      const lateBuyer = randomUUID();
      const late = await deliver([
        of(deleted, updated('late-slug', 1, { title: 'Deleted Show', remaining: 10 })),
        of(deleted, paid(newOrder('late-slug', lateBuyer, seats(1)), 2, 9)),
      ]);
      assert.deepEqual(late.json(), { accepted: 2, duplicates: 0 });
      assert.equal((await shown('late-slug'))?.title, 'Successor Show');
      assert.equal((await buyerView(lateBuyer)).orders[0].performanceRemoved, true, 'its order is recorded, marked');

      await deliverOk([of(successor, updated('late-slug', 2, { title: 'Successor Show', remaining: 49 }))]);
      assert.equal((await shown('late-slug'))?.remaining, 49, 'the successor still updates its listing');
      const withdrawn = await catalog.app.inject({
        method: 'DELETE', url: `/performances/late-slug/generations/${deleted}`, headers: { authorization: `Bearer ${INGEST_TOKEN}` },
      });
      assert.equal(withdrawn.statusCode, 204, withdrawn.body);
      assert.equal((await shown('late-slug'))?.title, 'Successor Show', 'withdrawing the deleted one leaves the successor listed');
    });
  });
});
