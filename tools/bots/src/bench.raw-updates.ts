import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface RawUpdateOptions {
  /** The performance's database (its ticketing schema holds the seats). */
  databaseUrl: string;
  concurrency: number;
  ops: number;
  /** Share of operations that go for the first seats still available, as hot buyers do. */
  hotShare: number;
}

/** Room PostgreSQL leaves for other sessions (the services' pools grow under load). */
const SPARE_CONNECTIONS = 10;

/**
 * The ceiling of the hold: its conditional UPDATE alone, from `concurrency` clients at once,
 * on a copy of the performance's seats (so the sale itself is untouched). Hot operations
 * collide on the first seats still available, the rest pick any seat.
 */
export async function measureRawUpdates(options: RawUpdateOptions) {
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  try {
    await admin.query('drop table if exists bench_raw');
    await admin.query(`create table bench_raw as select id, 'available'::text as state, null::uuid as hold_id from ticketing.seats`);
    await admin.query('alter table bench_raw add primary key (id)');
    await admin.query('analyze bench_raw');
    const ids = (await admin.query<{ id: string }>('select id from ticketing.seats order by section, length(row_label), row_label, number')).rows.map((r) => r.id);
    const max = Number((await admin.query<{ max_connections: string }>('show max_connections')).rows[0]!.max_connections);
    const used = Number((await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity')).rows[0]!.n);
    const clients = Math.max(1, Math.min(options.concurrency, max - used - SPARE_CONNECTIONS));
    const result = await race(options, ids, clients);
    await admin.query('drop table bench_raw');
    return { clients, ...result };
  } finally {
    await admin.end();
  }
}

async function race(options: RawUpdateOptions, ids: string[], clients: number) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: clients });
  try {
    // Open every connection first: the measurement is of updates, not of connecting.
    await Promise.all(Array.from({ length: clients }, async () => (await pool.connect()).release()));
    const taken = new Uint8Array(ids.length);
    let front = 0;
    let issued = 0;
    let updated = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, async () => {
      while (issued < options.ops) {
        issued++;
        const hot = Math.random() < options.hotShare;
        const at = hot ? Math.min(ids.length - 1, front + Math.floor(Math.random() * 2)) : Math.floor(Math.random() * ids.length);
        const { rowCount } = await pool.query(
          "update bench_raw set state = 'held', hold_id = $2 where id = $1 and state = 'available'",
          [ids[at], randomUUID()],
        );
        if (rowCount === 1) {
          updated++;
          taken[at] = 1;
          while (front < ids.length - 1 && taken[front]) front++;
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    return { ops: issued, updated, seconds: Math.round(seconds * 100) / 100, opsPerSecond: Math.round(issued / seconds) };
  } finally {
    await pool.end();
  }
}
