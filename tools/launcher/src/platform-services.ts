import { join } from 'node:path';
import { variableNamesEnv } from '@clove/kit';
import { REPO_ROOT } from './config.js';
import type { Secrets } from './secrets.js';

/** What a service's environment may draw on. */
export interface ServiceContext {
  secrets: Secrets;
  /** Internal base URL of each platform service, by name. */
  urls: Record<string, string>;
  env: NodeJS.ProcessEnv;
  stateDir: string;
  /** Database URL of each service's own role. */
  databases: Record<string, string>;
  portBase: number;
  /** The gateway, as services on this machine reach it. */
  gatewayUrl: string;
  /** Performances the launcher runs itself (`--slug`). */
  localSlugs: string[];
}

/** A platform service the launcher runs: where its code is and where the gateway mounts it. */
export interface PlatformService {
  name: string;
  /** Gateway prefix (stripped before forwarding); internal services have none. */
  prefix?: string;
  /** Further prefixes routed to it the same way. */
  extraPrefixes?: string[];
  /** Its schema in the platform database. */
  schema: string;
  entry: string;
  /** Offset from CLOVE_PORT_BASE. */
  portOffset: number;
  /** Variables of its own, beyond the common ones. */
  env: (context: ServiceContext) => Record<string, string>;
  /** Extra attributes of its database role, e.g. CREATEDB CREATEROLE for the deployer. */
  roleAttributes?: string;
  /** Started once the gateway is up (the deployer publishes routes there when it starts). */
  afterGateway?: boolean;
  /** The path that answers once it has started, when its /readyz waits for more (default /readyz). */
  startedPath?: string;
}

const built = (service: string) => join(REPO_ROOT, `services/${service}/dist/server.js`);

/** Started together, stopped in reverse. Offset 0 is the gateway's route-table API. */
export const PLATFORM_SERVICES: PlatformService[] = [
  {
    name: 'auth',
    prefix: '/auth',
    schema: 'auth',
    entry: built('auth'),
    portOffset: 1,
    env: ({ secrets, env }) => ({
      INTROSPECTION_CLIENTS: `platform:${secrets.introspectionSecret}`,
      ...(env.CLOVE_ADMIN_EMAIL ? { CLOVE_ADMIN_EMAIL: env.CLOVE_ADMIN_EMAIL } : {}),
      ...(env.CLOVE_ADMIN_PASSWORD ? { CLOVE_ADMIN_PASSWORD: env.CLOVE_ADMIN_PASSWORD } : {}),
    }),
  },
  {
    name: 'payments',
    schema: 'payments',
    entry: built('payments'),
    portOffset: 3,
    env: ({ secrets }) => ({ PAYMENTS_API_KEYS: secrets.paymentsApiKey }),
  },
  {
    name: 'catalog',
    prefix: '/catalog',
    schema: 'catalog',
    entry: built('catalog'),
    portOffset: 4,
    env: ({ secrets, urls }) => ({ AUTH_JWKS_URL: `${urls.auth}/jwks`, CATALOG_INGEST_TOKENS: secrets.catalogIngestToken }),
  },
  {
    name: 'pool',
    prefix: '/pool',
    schema: 'pool',
    entry: built('pool'),
    portOffset: 5,
    env: ({ secrets, urls, stateDir }) => ({
      AUTH_JWKS_URL: `${urls.auth}/jwks`,
      POOL_SERVICE_TOKENS: secrets.poolServiceToken,
      POOL_WORK_DIR: join(stateDir, 'pool-work'),
    }),
  },
  {
    name: 'templates',
    prefix: '/template',
    schema: 'templates',
    entry: built('templates'),
    portOffset: 6,
    env: ({ secrets, urls }) => ({
      AUTH_JWKS_URL: `${urls.auth}/jwks`,
      POOL_URL: urls.pool!,
      POOL_SERVICE_TOKEN: secrets.poolServiceToken,
    }),
  },
  {
    name: 'deployer',
    prefix: '/deploy',
    schema: 'deployer',
    entry: built('deployer'),
    portOffset: 7,
    roleAttributes: 'createdb createrole',
    afterGateway: true,
    // Its /readyz waits until the deployments of the previous run serve again: the launcher
    // waits for that apart, to name those that do not (restored-deployments.ts).
    startedPath: '/healthz',
    env: ({ secrets, urls, env, stateDir, databases, portBase, localSlugs }) => ({
      AUTH_JWKS_URL: `${urls.auth}/jwks`,
      AUTH_URL: urls.auth!,
      AUTH_CLIENT: `platform:${secrets.introspectionSecret}`,
      TEMPLATES_URL: urls.templates!,
      // Its own role (CREATEDB, CREATEROLE, not a superuser) creates each namespace's database and role.
      NAMESPACE_DATABASE_URL: databases.deployer!,
      DEPLOYER_INTERNAL_URL: urls.deployer!,
      SERVICE_TOKENS: secrets.monitorServiceToken,
      GATEWAY_ADMIN_URL: `http://127.0.0.1:${portBase}`,
      GATEWAY_ADMIN_TOKEN: secrets.gatewayAdminToken,
      LOCAL_LOG_DIR: join(stateDir, 'logs', 'performances'),
      LOCAL_STATE_DIR: join(stateDir, 'deployer'),
      // Replicas of deployed performances outlive a crash of the deployer (its next run adopts
      // them) and stop when the launcher is gone.
      LOCAL_LIFELINE_PID: String(process.pid),
      PERFORMANCE_ENV: JSON.stringify(performancePlatformEnv({ secrets, urls, env })),
      // Their routes and owners are the launcher's: a deployment of the same slug would take them over.
      RESERVED_SLUGS: localSlugs.join(','),
    }),
  },
  {
    name: 'monitor',
    prefix: '/monitor',
    extraPrefixes: ['/system'],
    schema: 'monitor',
    entry: built('monitor'),
    portOffset: 8,
    afterGateway: true,
    env: ({ secrets, urls, stateDir, gatewayUrl }) => ({
      AUTH_JWKS_URL: `${urls.auth}/jwks`,
      DEPLOYER_URL: urls.deployer!,
      DEPLOYER_SERVICE_TOKEN: secrets.monitorServiceToken,
      PERFORMANCES_URL: gatewayUrl,
      // A local Prometheus can scrape every managed process through this file (README: Monitoring).
      PROMETHEUS_SD_FILE: join(stateDir, 'prometheus', 'targets.json'),
    }),
  },
];

export const GATEWAY_ENTRY = built('gateway');
/** The web packages (web/<name>/dist), which the gateway serves. */
export const WEB_ROOT = join(REPO_ROOT, 'web');
export const TICKETING_ENTRY = built('ticketing');
/** Ports of locally started performances: CLOVE_PORT_BASE + 20, + 21, … */
export const PERFORMANCE_PORT_OFFSET = 20;

/** `<VAR>` → the value of the launcher's variable it is set under. */
const valuesOf = (names: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(names).map(([variable, name]) => [variable, env[name]!]));

/**
 * Variables for one service: `<NAME>_<VAR>` in the launcher's environment becomes `<VAR>` in
 * the service's (e.g. AUTH_ACCESS_TOKEN_TTL_SECONDS), here as `<VAR>` → `<NAME>_<VAR>`. Nothing
 * else of the launcher's environment leaks into services.
 */
function passThroughNames(serviceName: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const prefix = `${serviceName.toUpperCase()}_`;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && value !== undefined) out[key.slice(prefix.length)] = key;
  }
  return out;
}

/**
 * The variables of the launcher's environment meant for a service (`<NAME>_<VAR>` for each
 * name, a later one winning), and, so that its configuration errors name what the operator
 * set, those names.
 */
export function operatorEnv(env: NodeJS.ProcessEnv, ...serviceNames: string[]): Record<string, string> {
  const names: Record<string, string> = Object.assign({}, ...serviceNames.map((name) => passThroughNames(name, env)));
  return { ...valuesOf(names, env), ...variableNamesEnv(names) };
}

/**
 * What every performance's ticketing service gets of the platform: the peer services and their
 * client secrets, plus `TICKETING_<VAR>` of the launcher's environment, with those names.
 */
export function performancePlatformEnv({ secrets, urls, env }: Pick<ServiceContext, 'secrets' | 'urls' | 'env'>): Record<string, string> {
  return {
    AUTH_JWKS_URL: `${urls.auth}/jwks`,
    AUTH_URL: urls.auth!,
    AUTH_CLIENT: `platform:${secrets.introspectionSecret}`,
    PAYMENTS_URL: urls.payments!,
    PAYMENTS_API_KEY: secrets.paymentsApiKey,
    CATALOG_URL: urls.catalog!,
    CATALOG_INGEST_TOKEN: secrets.catalogIngestToken,
    ...operatorEnv(env, 'ticketing'),
  };
}

/** The little of the launcher's own environment every child needs. */
export function baseEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = { NODE_ENV: env.NODE_ENV ?? 'production' };
  for (const key of ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_OPTIONS']) if (env[key]) out[key] = env[key]!;
  return out;
}
