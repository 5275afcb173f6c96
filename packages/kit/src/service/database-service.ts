import { fileURLToPath } from 'node:url';
import { migrate } from '../db/migrate.js';
import { createPool, pingDatabase, type Pool } from '../db/pool.js';
import { createApp, type App, type Readiness } from '../http/create-app.js';
import { parseTrustProxy } from './base-config.js';

/** The configuration every database-backed service has. */
export interface DatabaseServiceConfig {
  DATABASE_URL: string;
  DB_SCHEMA: string;
  LOG_LEVEL: string;
  TRUST_PROXY: string;
  PUBLIC_PREFIX?: string;
}

export interface DatabaseServiceOptions {
  name: string;
  description: string;
  /** The service's `migrations` folder, e.g. `new URL('../migrations', import.meta.url)`. */
  migrations: URL;
  poolMax?: number;
  bodyLimit?: number;
  publicPrefix?: string;
  /** A route's public path, for a service served under several prefixes (see createApp). */
  publicPath?: (url: string) => string;
  silent?: boolean;
  /** A readiness check of the service's own, besides its database's (see createApp). */
  ready?: () => Promise<boolean | Readiness>;
}

export interface DatabaseService {
  app: App;
  pool: Pool;
  /** Closes the app, then the pool. */
  close: () => Promise<void>;
}

/**
 * The common start of a service: apply its migrations, open a pool on its schema, and create
 * the app whose readiness is the database's (and the service's own check, if any). Routes are
 * added by the caller.
 */
export async function createDatabaseService(config: DatabaseServiceConfig, options: DatabaseServiceOptions): Promise<DatabaseService> {
  await migrate({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, dir: fileURLToPath(options.migrations) });
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    max: options.poolMax,
    applicationName: `clove-${options.name}`,
  });
  const app = await createApp({
    name: options.name,
    description: options.description,
    logLevel: config.LOG_LEVEL,
    publicPrefix: options.publicPrefix ?? config.PUBLIC_PREFIX,
    publicPath: options.publicPath,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    bodyLimit: options.bodyLimit,
    silent: options.silent,
    ready: async () => {
      const own = options.ready ? await options.ready() : true;
      const readiness = typeof own === 'boolean' ? { ready: own } : own;
      return { ...readiness, ready: (await pingDatabase(pool)) && readiness.ready };
    },
  });
  return {
    app,
    pool,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
