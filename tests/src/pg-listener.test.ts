/**
 * The kit's LISTEN connection (gateway routes, seat feed, ended sessions) against a real
 * PostgreSQL: notices arrive, a connection the server ends is made again and says so (its
 * owner then reads what it may have missed), and stop ends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { listen } from '@clove/kit';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { eventually } from './support/http.js';

/** A queue of what the listener reports, awaited one at a time. */
function reports() {
  const queued: string[] = [];
  const waiting: Array<(what: string) => void> = [];
  return {
    push(what: string) {
      const next = waiting.shift();
      if (next) next(what);
      else queued.push(what);
    },
    next(): Promise<string> {
      const ready = queued.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('listen (kit)', () => {
  let db: TestDatabase;
  let url: string;
  let admin: pg.Client;
  before(async () => {
    db = await startTestDatabase();
    url = await db.createDatabase('listener_test');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await db?.stop();
  });

  it('hears notices, listens again after the server ends its connection, and stops', async () => {
    const heard = reports();
    const listener = await listen(url, 'clove_test_channel', {
      onNotification: (payload) => heard.push(`notice ${payload}`),
      onConnected: () => heard.push('connected'),
      onError: () => heard.push('error'),
      retryMs: 50,
    });
    try {
      assert.equal(await heard.next(), 'connected');
      await admin.query(`select pg_notify('clove_test_channel', 'one'), pg_notify('other_channel', 'not this')`);
      assert.equal(await heard.next(), 'notice one');

      const { rowCount } = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen%' and pid <> pg_backend_pid() and datname = current_database()`,
      );
      assert.equal(rowCount, 1, 'the listening connection was found and ended');
      assert.equal(await heard.next(), 'error');
      assert.equal(await heard.next(), 'connected', 'it listens again, and says so');
      await admin.query(`select pg_notify('clove_test_channel', 'two')`);
      assert.equal(await heard.next(), 'notice two');
    } finally {
      await listener.stop();
    }
    // The server lets go of a backend a moment after its client closed the connection.
    await eventually(async () => {
      const { rows } = await admin.query(`select count(*)::int as n from pg_stat_activity where query ilike 'listen%' and datname = current_database()`);
      return rows[0].n === 0;
    }, 5_000, 'stop to end the listening connection');
  });
});
