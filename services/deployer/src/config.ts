import { Type, type Static } from 'typebox';
import { BaseConfigProperties, HttpUrl, loadConfigOrExit } from '@clove/kit';

export const DeployerConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4107 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the deployer database' }),
  DB_SCHEMA: Type.String({ default: 'deployer', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/deploy' }),
  AUTH_JWKS_URL: HttpUrl('JWKS of the auth service'),
  AUTH_URL: HttpUrl('The auth service, to find members by email'),
  AUTH_CLIENT: Type.String({ pattern: '^[^:]+:.+$', description: 'Service credentials for auth, id:secret' }),
  TEMPLATES_URL: HttpUrl('Base URL of the templates service'),
  MEMBER_ADDS_PER_HOUR: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 30,
    description: 'Members one seller may add by email per hour: each answer tells whether an account has that email',
  }),
  SERVICE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5_000, description: 'Time limit of one call to another service' }),
  NAMESPACE_DATABASE_URL: Type.String({
    minLength: 1,
    description: 'PostgreSQL URL of a role with CREATEDB and CREATEROLE: each namespace gets its own database and role there',
  }),
  NAMESPACE_DATABASE_HOST: Type.Optional(Type.String({
    minLength: 1,
    description: 'Host:port under which workloads reach that server, when it differs (e.g. from inside a cluster)',
  })),
  DEPLOYER_INTERNAL_URL: HttpUrl('Where workloads reach this service (access checks of a deployment\'s credential)'),
  PERFORMANCE_ENV: Type.String({
    default: '{}',
    description: 'JSON object of variables every deployed workload gets (platform service URLs and their client secrets)',
  }),
  RUNTIME: Type.Union([Type.Literal('local'), Type.Literal('kubernetes')], { default: 'local' }),
  KUBECONFIG: Type.Optional(Type.String({ minLength: 1, description: 'kubeconfig of the cluster (kubernetes runtime); the default one when unset' })),
  LOCAL_SERVICES_DIR: Type.Optional(Type.String({ minLength: 1, description: 'Folder of this repository\'s services, whose builtin images the local runtime runs' })),
  LOCAL_LOG_DIR: Type.Optional(Type.String({ minLength: 1, description: 'Where the local runtime writes its replicas\' logs' })),
  LOCAL_STATE_DIR: Type.Optional(Type.String({
    minLength: 1,
    description: 'Where the local runtime records its running replicas, for the next run of the deployer to adopt; its log folder when unset',
  })),
  LOCAL_LIFELINE_PID: Type.Optional(Type.Integer({
    minimum: 1,
    description: 'The platform\'s supervisor (the launcher): replicas of the local runtime outlive a crash of the deployer and stop when this process is gone. Unset, they stop with the deployer',
  })),
  GATEWAY_ADMIN_URL: Type.Optional(HttpUrl('The gateway\'s route-table API (local runtime)')),
  GATEWAY_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  RESERVED_SLUGS: Type.String({
    default: '',
    description: 'Comma-separated slugs no deployment may take: performances the launcher runs itself (npm run perf:dev -- --slug NAME)',
  }),
  READY_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 120_000, description: 'How long a revision may take to become ready' }),
  SERVICE_TOKENS: Type.Optional(Type.String({ minLength: 16, description: 'Comma-separated bearer secrets of services (the monitor) allowed to read the runtime and scale' })),
  MAX_REPLICAS: Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Most replicas a component may be scaled to' }),
  CATALOG_RETRY_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 10_000,
    description: 'How often a deleted performance the catalog has not withdrawn yet (it was down) is withdrawn again',
  }),
  DRAIN_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 1_000, description: 'Grace before the old revision of a blue-green switch is stopped' }),
});
export type DeployerConfig = Static<typeof DeployerConfigSchema>;

export function loadDeployerConfig(env: Record<string, string | undefined> = process.env): DeployerConfig {
  return loadConfigOrExit(DeployerConfigSchema, env);
}
