import { createDatabaseService, createGuards, remoteTokenVerifier, StaticTokens, type App, type Pool } from '@clove/kit';
import { OperationsService } from './operations/operations.service.js';
import { registerOperationsRoutes } from './operations/operations.routes.js';
import { registerAccessRoutes } from './access/access.routes.js';
import { AuthClient } from './clients/auth.client.js';
import { CatalogClient } from './clients/catalog.client.js';
import { TemplatesClient } from './clients/templates.client.js';
import type { DeployerConfig } from './config.js';
import { NamespaceDatabases } from './databases/namespace-database.js';
import { recoverDeployments } from './deployments/deployment.recovery.js';
import { Restoration } from './deployments/deployment.restoration.js';
import { DeploymentRepository } from './deployments/deployment.repository.js';
import { registerDeploymentRoutes } from './deployments/deployment.routes.js';
import { DeploymentService } from './deployments/deployment.service.js';
import type { WorkflowDeps } from './deployments/deployment.workflows.js';
import { ListingWithdrawals } from './deployments/listing-withdrawals.js';
import { registerMemberRoutes } from './members/member.routes.js';
import { MemberLookupLimiter } from './members/member-lookup-limiter.js';
import { MemberService } from './members/member.service.js';
import { createDriver } from './runtime/create-driver.js';
import type { RuntimeDriver } from './runtime/driver.js';

export interface DeployerApp {
  app: App;
  pool: Pool;
  driver: RuntimeDriver;
  /** Resolves when deployments left by a previous run are settled. */
  recovered: Promise<void>;
}

/**
 * The deployer (R7–R12): deployments of templates into namespaces of their own, through the
 * runtime driver chosen by configuration. Deployments left by a previous run are settled
 * in the background once the service is up; it is ready (/readyz) when they are.
 */
export async function buildApp(config: DeployerConfig, options: { silent?: boolean; driver?: RuntimeDriver } = {}): Promise<DeployerApp> {
  // Ready once the deployments of the previous run serve again (or are given up): a platform
  // that says it is ready serves them.
  const restoration = new Restoration();
  const { app, pool } = await createDatabaseService(config, {
    name: 'deployer',
    description: 'Deployments of performances from templates, each in a namespace of its own, with blue-green updates (R7–R12).',
    migrations: new URL('../migrations', import.meta.url),
    silent: options.silent,
    ready: async () => restoration.readiness(),
  });
  const driver = options.driver ?? await createDriver(config, app.log);
  const repo = new DeploymentRepository(pool);
  const stopping = new AbortController();
  const platformEnv = parsePlatformEnv(config.PERFORMANCE_ENV);
  const listingWithdrawals = platformEnv.CATALOG_URL && platformEnv.CATALOG_INGEST_TOKEN
    ? new ListingWithdrawals(repo, new CatalogClient(platformEnv.CATALOG_URL, platformEnv.CATALOG_INGEST_TOKEN, config.SERVICE_TIMEOUT_MS), app.log, config.CATALOG_RETRY_MS)
    : undefined;
  const deps: WorkflowDeps = {
    listingWithdrawals,
    stopping: stopping.signal,
    repo,
    driver,
    databases: new NamespaceDatabases(config.NAMESPACE_DATABASE_URL, config.NAMESPACE_DATABASE_HOST),
    binding: { platformEnv, deployerUrl: config.DEPLOYER_INTERNAL_URL },
    readyTimeoutMs: config.READY_TIMEOUT_MS,
    drainMs: config.DRAIN_MS,
  };
  const deployments = new DeploymentService({
    ...deps,
    templates: new TemplatesClient(config.TEMPLATES_URL, config.SERVICE_TIMEOUT_MS),
    log: app.log,
    reservedSlugs: new Set(config.RESERVED_SLUGS.split(',').map((slug) => slug.trim()).filter(Boolean)),
  });
  const guards = createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL));
  registerDeploymentRoutes(app, { deployments, guards });
  const members = new MemberService(
    repo,
    new AuthClient(config.AUTH_URL, config.AUTH_CLIENT, config.SERVICE_TIMEOUT_MS),
    new MemberLookupLimiter(pool, config.MEMBER_ADDS_PER_HOUR),
  );
  registerMemberRoutes(app, { members, guards });
  registerAccessRoutes(app, { deployments });
  registerOperationsRoutes(app, {
    operations: new OperationsService(repo, driver, config.MAX_REPLICAS, app.log),
    guards,
    serviceTokens: config.SERVICE_TOKENS ? new StaticTokens(config.SERVICE_TOKENS, 'SERVICE_TOKENS') : null,
  });
  // The runtime's processes stop first, so workflows under way end (and record how) at once;
  // whatever they leave unsettled is settled when the deployer starts again.
  app.addHook('onClose', async () => {
    stopping.abort();
    await driver.close();
    await deployments.settle();
    await listingWithdrawals?.stop();
  });
  await app.ready();
  listingWithdrawals?.start();
  const recovered = recoverDeployments({ ...deps, log: app.log, restoration })
    .then(() => driver.recovered?.())
    .catch((error: unknown) => app.log.error({ err: error }, 'deployments of the previous run could not be settled'))
    .finally(() => restoration.finished());
  return { app, pool, driver, recovered };
}

function parsePlatformEnv(json: string): Record<string, string> {
  const parsed = JSON.parse(json) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error('PERFORMANCE_ENV must be a JSON object of strings.');
  }
  return parsed as Record<string, string>;
}
