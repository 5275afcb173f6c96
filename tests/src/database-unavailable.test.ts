/**
 * A service whose database cannot take a request right now (every connection busy, or the
 * server unreachable) answers 503 with a problem document and Retry-After, never 500, and
 * answers normally once the database is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, createPool, type App, type Pool, type PoolClient } from '@clove/kit';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { expectProblem, get } from './support/http.js';
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
