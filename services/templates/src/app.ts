import { createDatabaseService, createGuards, createTokenVerifier, remoteKeys, type App, type Pool } from '@clove/kit';
import type { TemplatesConfig } from './config.js';
import { PoolClient } from './pool/pool-client.js';
import { registerTemplateRoutes } from './templates/template.routes.js';
import { TemplateService } from './templates/template.service.js';

export interface TemplatesApp {
  app: App;
  pool: Pool;
  close: () => Promise<void>;
}

/**
 * Migrates the templates schema and builds the service of the admin's templates that sellers
 * deploy a performance from (R17–R18): components made of pool images, and the Kubernetes
 * documents generated from them.
 */
export async function buildApp(config: TemplatesConfig, options: { silent?: boolean } = {}): Promise<TemplatesApp> {
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'templates',
    description: 'The admin\'s templates that sellers deploy a performance from, made of pool images, with their Kubernetes documents (R17–R18).',
    migrations: new URL('../migrations', import.meta.url),
    silent: options.silent,
  });
  const images = new PoolClient({ baseUrl: config.POOL_URL, serviceToken: config.POOL_SERVICE_TOKEN, timeoutMs: config.POOL_TIMEOUT_MS });
  const templates = new TemplateService(pool, images);
  const guards = createGuards(createTokenVerifier(remoteKeys(config.AUTH_JWKS_URL)));
  registerTemplateRoutes(app, { templates, images, guards });
  await app.ready();
  return { app, pool, close };
}
