import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PoolOptions {
  connectionString: string;
  /** The service's schema; becomes the connection's search_path. */
  schema?: string;
  max?: number;
  applicationName?: string;
  /** Server settings of every connection, e.g. { synchronous_commit: 'off' }. */
  settings?: Record<string, string>;
  /** How long a query waits for a free connection (or a new one) before failing; 5 s by default. */
  connectTimeoutMs?: number;
}

/** A pg pool whose connections see the service's schema first. */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName,
    options: startupOptions({ ...(options.schema ? { search_path: options.schema } : {}), ...options.settings }),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30000,
  });
  // An idle client losing its server (e.g. a database restart) must not crash the process;
  // the pool drops it and the next query opens a new connection.
  pool.on('error', () => undefined);
  // Nor may a checked-out one (the pool listens only to idle clients): a transaction waiting on
  // something else when its connection is cut fails at its next query, and the pool discards
  // the client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

function startupOptions(settings: Record<string, string>): string | undefined {
  const entries = Object.entries(settings);
  return entries.length ? entries.map(([name, value]) => `-c ${name}=${value}`).join(' ') : undefined;
}

/** Liveness of the database for /readyz. */
export async function pingDatabase(pool: pg.Pool): Promise<boolean> {
  await pool.query('select 1');
  return true;
}
