import { createDatabaseService, createGuards, remoteTokenVerifier, type App, type Pool } from '@clove/kit';
import type { TemplatesConfig } from './config.js';
import { PoolClient } from './pool/pool-client.js';
import { seedBuiltinTemplates } from './templates/builtin.seed.js';
import { registerTemplateRoutes } from './templates/template.routes.js';
import { TemplateService } from './templates/template.service.js';

export interface TemplatesApp {
  app: App;
  pool: Pool;
  close: () => Promise<void>;
  /** Resolves when the built-in templates exist (or the service stopped first). */
  seeded: Promise<void>;
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
  const guards = createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL));
  registerTemplateRoutes(app, { templates, images, guards });
  const stopping = new AbortController();
  let seeding: Promise<void> = Promise.resolve();
  app.addHook('onClose', async () => {
    stopping.abort();
    await seeding;
  });
  await app.ready();
  if (config.TEMPLATES_BUILTIN) {
    seeding = seedBuiltinTemplates(templates, images, config.POOL_SERVICE_TOKEN, {
      signal: stopping.signal,
      onError: (error) => app.log.warn({ err: error }, 'the built-in templates are not created yet; trying again'),
    });
  }
  return { app, pool, close, seeded: seeding };
}
