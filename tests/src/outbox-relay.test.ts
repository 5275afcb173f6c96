/**
 * The outbox relay (R39) against a real catalog and real PostgreSQL: a sale of large orders
 * (many tickets each) is delivered in full, each delivery under the catalog's body limit; a slow
 * catalog keeps no transaction open, and replicas relay one at a time.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPool, migrate, type Pool } from '@clove/kit';
import { buildApp, type CatalogApp } from '../../services/catalog/dist/app.js';
import { loadCatalogConfig } from '../../services/catalog/dist/config.js';
import { startOutboxRelay } from '../../services/ticketing/dist/outbox/outbox-relay.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { eventually } from './support/http.js';
import { startTestIssuer, type TestIssuer } from './support/issuer.js';
import { REPO_ROOT } from './support/platform.js';

const INGEST_TOKEN = 'relay-test-ingest-token-0123456789';
const ORDERS = 600;
/** The most seats a buyer may be allowed (MAX_SEATS_PER_BUYER), with the longest labels the catalog takes. */
const TICKETS_PER_ORDER = 50;
const LONG = (prefix: string, n: number) => `${prefix}${n}-`.padEnd(64, 'x');

describe('outbox relay', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let catalog: CatalogApp;
  let catalogUrl: string;
  let ticketing: Pool;

  before(async () => {
    db = await startTestDatabase();
    issuer = await startTestIssuer();
    catalog = await buildApp(
      loadCatalogConfig({ DATABASE_URL: await db.createDatabase('relay_catalog'), AUTH_JWKS_URL: issuer.jwksUrl, CATALOG_INGEST_TOKENS: INGEST_TOKEN }),
      { silent: true },
    );
    await catalog.app.listen({ port: 0, host: '127.0.0.1' });
    catalogUrl = `http://127.0.0.1:${(catalog.app.server.address() as AddressInfo).port}`;
    const url = await db.createDatabase('relay_ticketing');
    await migrate({ databaseUrl: url, schema: 'ticketing', dir: `${REPO_ROOT}services/ticketing/migrations` });
    ticketing = createPool({ connectionString: url, schema: 'ticketing', max: 4 });
  });
  after(async () => {
    await ticketing?.end();
    await catalog?.close();
    await issuer?.close();
    await db?.stop();
  });

  it('delivers a sale of large orders in full, each delivery within the catalog\'s body limit', async () => {
    // 600 orders of 50 tickets with 64-character labels: about 14 MB of events. A batch of 500
    // of them would be over the catalog's 8 MiB body limit.
    const paid = Array.from({ length: ORDERS }, (_, o) => ({
      orderId: randomUUID(),
      buyerId: randomUUID(),
      title: 'Large party',
      venue: 'Hall',
      startsAt: '2030-05-01T19:00:00.000Z',
      amount: TICKETS_PER_ORDER * 1000,
      currency: 'EUR',
      paidAt: new Date().toISOString(),
      tickets: Array.from({ length: TICKETS_PER_ORDER }, (_, t) => ({
        id: randomUUID(),
        seatId: LONG(`S${o}-`, t),
        section: LONG('Section ', o),
        row: String(t),
        number: t + 1,
        grade: 'R',
        price: 1000,
        code: `${randomUUID()}.${LONG(`S${o}-`, t)}.${'x'.repeat(43)}`,
      })),
    }));
    await ticketing.query(
      `insert into outbox (id, type, payload) select gen_random_uuid(), 'order.paid', p from jsonb_array_elements($1::jsonb) as p`,
      [JSON.stringify(paid)],
    );
    const errors: unknown[] = [];
    const stop = startOutboxRelay(ticketing, { catalogUrl, token: INGEST_TOKEN, slug: 'large-party', generation: randomUUID(), intervalMs: 50, onError: (e) => errors.push(e) });
    try {
      await eventually(async () => {
        const { rows } = await ticketing.query<{ n: number }>('select count(*)::int as n from outbox where delivered_at is null');
        return rows[0]!.n === 0 || undefined;
      }, 60_000, 'every event to be delivered');
    } finally {
      await stop();
    }
    assert.deepEqual(errors, [], 'no delivery was refused');
    const { rows } = await catalog.pool.query<{ orders: number; tickets: number }>(
      `select (select count(*)::int from orders where slug = 'large-party') as orders,
              (select count(*)::int from tickets where slug = 'large-party') as tickets`,
    );
    assert.deepEqual(rows[0], { orders: ORDERS, tickets: ORDERS * TICKETS_PER_ORDER });
  });

  it('keeps no transaction open while the catalog answers, and relays from one replica at a time', async () => {
    const orders = Array.from({ length: 3 }, (_, o) => ({
      orderId: randomUUID(), buyerId: randomUUID(), title: 'Slow party', venue: 'Hall', startsAt: '2030-05-01T19:00:00.000Z',
      amount: 1000, currency: 'EUR', paidAt: new Date().toISOString(),
      tickets: [{ id: randomUUID(), seatId: `A-1-${o + 1}`, section: 'A', row: '1', number: o + 1, grade: 'R', price: 1000, code: `c${o}` }],
    }));
    await ticketing.query(
      `insert into outbox (id, type, payload) select gen_random_uuid(), 'order.paid', p from jsonb_array_elements($1::jsonb) as p`,
      [JSON.stringify(orders)],
    );
    // The catalog behind a gate: each delivery waits until the test lets it through.
    let inFlight = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const gate = createServer((request, response) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => waiting.push(() => {
        void fetch(`${catalogUrl}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
          body: Buffer.concat(chunks),
        }).then(async (answer) => {
          inFlight -= 1;
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
        });
      }));
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    const errors: unknown[] = [];
    const relay = () => startOutboxRelay(ticketing, { catalogUrl: gateUrl, token: INGEST_TOKEN, slug: 'slow-party', generation: randomUUID(), intervalMs: 20, onError: (e) => errors.push(e) });
    const replicas = [relay(), relay()];
    try {
      await eventually(async () => waiting.length > 0 || undefined, 10_000, 'a delivery to reach the catalog');
      const { rows: open } = await ticketing.query<{ state: string }>(
        `select state from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`,
      );
      assert.deepEqual(open, [], 'no transaction waits on the catalog (it would hold back vacuum and a connection)');
      await eventually(async () => {
        waiting.splice(0).forEach((pass) => pass());
        const { rows } = await ticketing.query<{ n: number }>(`select count(*)::int as n from outbox where delivered_at is null`);
        return rows[0]!.n === 0 || undefined;
      }, 20_000, 'every event to be delivered');
    } finally {
      await Promise.all(replicas.map((stop) => stop()));
      gate.close();
    }
    assert.deepEqual(errors, []);
    assert.equal(most, 1, 'one replica relays at a time');
    const { rows } = await catalog.pool.query<{ n: number }>(`select count(*)::int as n from orders where slug = 'slow-party'`);
    assert.equal(rows[0]!.n, 3);
  });
});
