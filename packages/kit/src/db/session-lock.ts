import type pg from 'pg';

export type LockedOutcome<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs fn while this process holds the session-level advisory lock named `name`, or not at all
 * when another holds it. Unlike a row lock, it keeps no transaction open while fn waits on
 * something else (another service over HTTP), so it holds back no vacuum. A client whose lock
 * could not be taken or given back is closed rather than returned to the pool, which also ends
 * its lock.
 */
export async function withSessionLock<T>(pool: pg.Pool, name: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<LockedOutcome<T>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lockQuery = async (sql: string) => {
    try {
      return await client.query<{ locked: boolean }>(sql, [name]);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  };
  try {
    const { rows } = await lockQuery('select pg_try_advisory_lock(hashtext($1)) as locked');
    if (!rows[0]?.locked) return { acquired: false };
    try {
      return { acquired: true, value: await fn(client) };
    } finally {
      await lockQuery('select pg_advisory_unlock(hashtext($1))');
    }
  } finally {
    client.release(broken);
  }
}
