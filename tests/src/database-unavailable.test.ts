/**
 * A service whose database cannot take a request right now (every connection busy, or the
 * server unreachable) answers 503 with a problem document and Retry-After, never 500, and
 * answers normally once the database is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, createPool, withTransaction, type App, type Pool, type PoolClient } from '@clove/kit';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { eventually, expectProblem, get } from './support/http.js';
import { freePortRange } from './support/ports.js';

async function serve(pool: Pool): Promise<{ app: App; url: string }> {
  const app = await createApp({ name: 'busy', silent: true, docs: false });
  app.get('/now', async () => (await pool.query<{ now: Date }>('select now() as now')).rows[0]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}

describe('a database that cannot take a request', () => {
  let db: TestDatabase;
  before(async () => {
    db = await startTestDatabase();
  });
  after(async () => {
    await db?.stop();
  });

  it('answers 503 with Retry-After while every connection is busy, and 200 once one is free', async () => {
    const pool = createPool({ connectionString: db.url, max: 1, connectTimeoutMs: 200 });
    const { app, url } = await serve(pool);
    let only: PoolClient | null = await pool.connect();
    try {
      const busy = await get(`${url}/now`);
      expectProblem(busy, 503, 'DATABASE_UNAVAILABLE');
      assert.equal(busy.headers.get('retry-after'), '1');
      assert.doesNotMatch(busy.text, /timeout exceeded/, 'the driver\u2019s message stays inside');
      only.release();
      only = null;
      assert.equal((await get(`${url}/now`)).status, 200);
    } finally {
      only?.release();
      await app.close();
      await pool.end();
    }
  });

  it('survives a connection cut while its transaction waits on something else, and goes on with a new one', async () => {
    const pool = createPool({ connectionString: db.url, max: 1, applicationName: 'cut-me' });
    const admin = createPool({ connectionString: db.url, max: 1 });
    try {
      let proceed!: () => void;
      const waiting = new Promise<void>((resolve) => (proceed = resolve));
      let reached!: () => void;
      const inside = new Promise<void>((resolve) => (reached = resolve));
      const transaction = withTransaction(pool, async (client) => {
        await client.query('select 1');
        reached();
        await waiting; // as the outbox relay waits on the catalog, holding its transaction
        await client.query('select 2');
      });
      // Its outcome is read at the end; caught now, so an early failure is not an unhandled rejection.
      const outcome = transaction.then(() => 'committed', (error: unknown) => error);
      await inside;
      const cut = await eventually(async () => (await admin.query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'cut-me' and state = 'idle in transaction'`,
      )).rows[0]!.n === 1, 10_000, 'the waiting transaction to be cut');
      assert.ok(cut);
      // Without a listener on the checked-out client, its 'error' event ends the whole process here.
      await eventually(async () => pool.totalCount === 1 && (await admin.query(`select 1 from pg_stat_activity where application_name = 'cut-me'`)).rowCount === 0, 10_000, 'the backend to be gone');
      proceed();
      assert.ok((await outcome) instanceof Error, 'the cut transaction failed');
      assert.deepEqual((await pool.query<{ n: number }>('select 3 as n')).rows, [{ n: 3 }], 'the pool opened a new connection');
    } finally {
      await pool.end();
      await admin.end();
    }
  });

  it('answers 503 when the server cannot be reached', async () => {
    const unreachable = new URL(db.url);
    unreachable.port = String(await freePortRange(1)); // nothing listens there
    const pool = createPool({ connectionString: unreachable.toString(), max: 1, connectTimeoutMs: 200 });
    const { app, url } = await serve(pool);
    try {
      expectProblem(await get(`${url}/now`), 503, 'DATABASE_UNAVAILABLE');
    } finally {
      await app.close();
      await pool.end();
    }
  });
});
