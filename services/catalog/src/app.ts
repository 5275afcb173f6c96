import { fileURLToPath } from 'node:url';
import {
  createApp,
  createGuards,
  createPool,
  createTokenVerifier,
  migrate,
  parseTrustProxy,
  pingDatabase,
  remoteKeys,
  type App,
  type Pool,
} from '@clove/kit';
import type { CatalogConfig } from './config.js';
import { IngestTokens } from './ingest/ingest-tokens.js';
import { registerIngestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { registerBuyerRoutes } from './orders/order.routes.js';
import { registerPerformanceRoutes } from './performances/performance.routes.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface CatalogApp {
  app: App;
  pool: Pool;
  close: () => Promise<void>;
}

/**
 * Migrates the catalog schema and builds the catalog: a read model of every performance and
 * of buyers' orders and tickets (R27, R34, R35), fed by the performances' events (R39).
 */
export async function buildApp(config: CatalogConfig, options: { silent?: boolean } = {}): Promise<CatalogApp> {
  await migrate({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, dir: MIGRATIONS_DIR });
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: config.DB_SCHEMA, applicationName: 'clove-catalog' });
  const tokens = new IngestTokens(config.CATALOG_INGEST_TOKENS);

  const app = await createApp({
    name: 'catalog',
    description: 'All performances on the platform and every buyer\'s orders and tickets (R27, R34, R35), fed by events (R39).',
    logLevel: config.LOG_LEVEL,
    publicPrefix: config.PUBLIC_PREFIX,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    silent: options.silent,
    ready: () => pingDatabase(pool),
  });
  registerPerformanceRoutes(app, { pool });
  registerBuyerRoutes(app, { pool, guards: createGuards(createTokenVerifier(remoteKeys(config.AUTH_JWKS_URL))) });
  registerIngestRoutes(app, { ingest: new IngestService(pool), tokens });
  await app.ready();
  return { app, pool, close: async () => { await app.close(); await pool.end(); } };
}
