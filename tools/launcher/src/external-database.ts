import pg from 'pg';

const CONNECT_TIMEOUT_MS = 10_000;

/** Fails with a message naming DATABASE_URL, never its password, unless PostgreSQL answers there. */
export async function checkExternalDatabase(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (!['postgres:', 'postgresql:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new Error('DATABASE_URL: not a PostgreSQL URL; expected postgres://user:password@host:port/database');
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`DATABASE_URL: cannot connect to PostgreSQL at ${parsed.host} (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
