import { createDatabaseService, createGuards, remoteTokenVerifier, StaticTokens, type App, type Pool } from '@clove/kit';
import type { CatalogConfig } from './config.js';

import { registerIngestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { registerBuyerRoutes } from './orders/order.routes.js';
import { registerPerformanceRoutes } from './performances/performance.routes.js';


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
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'catalog',
    description: 'All performances on the platform and every buyer\'s orders and tickets (R27, R34, R35), fed by events (R39).',
    migrations: new URL('../migrations', import.meta.url),
    silent: options.silent,
  });
  const tokens = new StaticTokens(config.CATALOG_INGEST_TOKENS, 'Ingest tokens');
  registerPerformanceRoutes(app, { pool });
  registerBuyerRoutes(app, { pool, guards: createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL)) });
  registerIngestRoutes(app, { ingest: new IngestService(pool), tokens });
  await app.ready();
  return { app, pool, close };
}
