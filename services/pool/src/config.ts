import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

/** Secrets: at least 16 characters each, no spaces or commas, separated by commas. */
const TOKENS_PATTERN = '^\\s*[^,\\s]{16,}\\s*(,\\s*[^,\\s]{16,}\\s*)*$';
/** Host names or host:port, comma-separated; empty allows no git host. */
const HOSTS_PATTERN = '^\\s*([A-Za-z0-9.\\[\\]:-]+\\s*(,\\s*[A-Za-z0-9.\\[\\]:-]+\\s*)*)?$';

export const PoolConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4105 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the pool database' }),
  DB_SCHEMA: Type.String({ default: 'pool', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/pool' }),
  AUTH_JWKS_URL: Type.String({ format: 'uri', pattern: '^https?://', description: 'JWKS of the auth service' }),
  POOL_SERVICE_TOKENS: Type.String({
    pattern: TOKENS_PATTERN,
    description: 'Comma-separated bearer secrets (16+ characters each) of the services that call the pool (templates)',
  }),
  POOL_WORK_DIR: Type.String({ minLength: 1, default: join(tmpdir(), 'clove-pool'), description: 'Where git sources are cloned and built' }),
  POOL_GIT_ALLOWED_HOSTS: Type.String({
    default: '',
    pattern: HOSTS_PATTERN,
    description: 'Comma-separated host names or host:port that git sources may be cloned from; empty allows none',
  }),
  POOL_BUILD_TIMEOUT_MS: Type.Integer({ minimum: 1, maximum: 24 * 3_600_000, default: 600_000, description: 'Time limit of one whole build' }),
  POOL_BUILTIN_SERVICES: Type.String({
    default: 'ticketing',
    pattern: '^\\s*[a-z][a-z0-9-]*\\s*(,\\s*[a-z][a-z0-9-]*\\s*)*$',
    description: 'Services of this repository that a builtin source may name',
  }),
});
export type PoolConfig = Static<typeof PoolConfigSchema>;

export function loadPoolConfig(env: Record<string, string | undefined> = process.env): PoolConfig {
  return loadConfigOrExit(PoolConfigSchema, env);
}

/** `a, b ,c` → ['a', 'b', 'c']. */
export function listOf(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
