import pg from 'pg';

/** One normalised statement's share of the database's work during a run. */
export interface StatementCost {
  database: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  query: string;
}

/** Where the server's statement statistics are read from (pg_stat_statements is preloaded by the launcher). */
async function withSuperuser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_stat_statements');
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Forgets the statistics so far, so the next read covers only what follows. With `nested`,
 * statements inside database functions are counted on their own too, which costs some speed
 * (a setting of the benchmark's own server).
 */
export async function resetStatements(superuserUrl: string, options: { nested: boolean }): Promise<void> {
  await withSuperuser(superuserUrl, async (client) => {
    await client.query(`alter system set pg_stat_statements.track = '${options.nested ? 'all' : 'top'}'`);
    await client.query('select pg_reload_conf()');
    await client.query('select pg_stat_statements_reset()');
  });
}

/** The statements that took the most execution time since the reset, across every database. */
export async function topStatements(superuserUrl: string, limit: number): Promise<StatementCost[]> {
  return withSuperuser(superuserUrl, async (client) => {
    const { rows } = await client.query<{ database: string; calls: string; total: number; rows: string; query: string }>(
      `select d.datname as database, s.calls, s.total_exec_time as total, s.rows, s.query
       from pg_stat_statements s join pg_database d on d.oid = s.dbid
       order by s.total_exec_time desc limit $1`,
      [limit],
    );
    return rows.map((r) => ({
      database: r.database,
      calls: Number(r.calls),
      totalMs: Math.round(r.total),
      meanMs: +(r.total / Math.max(1, Number(r.calls))).toFixed(3),
      rows: Number(r.rows),
      query: r.query.replace(/\s+/g, ' ').slice(0, 160),
    }));
  });
}
