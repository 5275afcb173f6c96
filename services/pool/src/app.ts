import { createDatabaseService, createGuards, remoteTokenVerifier, StaticTokens, type App, type Pool } from '@clove/kit';
import { createAccess } from './access/access.js';

import { Builder } from './builds/builder.js';
import { listOf, type PoolConfig } from './config.js';
import { failInterruptedBuilds } from './images/image.repository.js';
import { registerImageRoutes, registerUsageRoutes } from './images/image.routes.js';
import { ImageService } from './images/image.service.js';

export interface PoolApp {
  app: App;
  pool: Pool;
  close: () => Promise<void>;
}

/**
 * Migrates the pool schema and builds the pool: the admin's registry of microservice images
 * that templates are made from (R13–R16). Builds a previous run left unfinished are failed
 * first; one instance owns the work folder.
 */
export async function buildApp(config: PoolConfig, options: { silent?: boolean } = {}): Promise<PoolApp> {
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'pool',
    description: 'The admin\'s registry of microservice images (builtin, container or built from git) that templates are made from (R13–R16).',
    migrations: new URL('../migrations', import.meta.url),
    silent: options.silent,
  });
  const interrupted = await failInterruptedBuilds(pool);
  if (interrupted > 0) app.log.warn({ interrupted }, 'builds left unfinished by the previous run were failed');

  const builder = new Builder(pool, { workDir: config.POOL_WORK_DIR, timeoutMs: config.POOL_BUILD_TIMEOUT_MS, log: app.log });
  // Before the pool closes: a stopped build still records that it was interrupted.
  app.addHook('onClose', () => builder.stop());
  const images = new ImageService(pool, builder, {
    builtinServices: new Set(listOf(config.POOL_BUILTIN_SERVICES)),
    gitAllowedHosts: new Set(listOf(config.POOL_GIT_ALLOWED_HOSTS).map((host) => host.toLowerCase())),
  });
  const access = createAccess(new StaticTokens(config.POOL_SERVICE_TOKENS), createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL)));
  registerImageRoutes(app, { images, access });
  registerUsageRoutes(app, { images, access });
  await app.ready();
  return { app, pool, close };
}
