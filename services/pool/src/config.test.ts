import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@clove/kit';
import { listOf, PoolConfigSchema } from './config.js';

const env = {
  DATABASE_URL: 'postgres://localhost/x',
  AUTH_JWKS_URL: 'http://127.0.0.1:4101/jwks',
  POOL_SERVICE_TOKENS: 'templates-token-0123456789',
};

describe('pool config', () => {
  it('applies the defaults', () => {
    const config = loadConfig(PoolConfigSchema, env);
    assert.equal(config.PORT, 4105);
    assert.equal(config.DB_SCHEMA, 'pool');
    assert.equal(config.PUBLIC_PREFIX, '/pool');
    assert.equal(config.POOL_WORK_DIR, join(tmpdir(), 'clove-pool'));
    assert.equal(config.POOL_GIT_ALLOWED_HOSTS, '');
    assert.equal(config.POOL_BUILD_TIMEOUT_MS, 600_000);
    assert.deepEqual(listOf(config.POOL_BUILTIN_SERVICES), ['ticketing']);
  });

  it('reads lists of hosts and services', () => {
    const config = loadConfig(PoolConfigSchema, {
      ...env,
      POOL_GIT_ALLOWED_HOSTS: 'git.example.com, 127.0.0.1:8080',
      POOL_BUILTIN_SERVICES: 'ticketing,catalog',
    });
    assert.deepEqual(listOf(config.POOL_GIT_ALLOWED_HOSTS), ['git.example.com', '127.0.0.1:8080']);
    assert.deepEqual(listOf(config.POOL_BUILTIN_SERVICES), ['ticketing', 'catalog']);
  });

  it('names a missing or short token and a bad host list', () => {
    const variables = (extra: Record<string, string | undefined>) => {
      try {
        loadConfig(PoolConfigSchema, { ...env, ...extra });
        return [];
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems.map((p) => p.variable);
      }
    };
    assert.deepEqual(variables({ POOL_SERVICE_TOKENS: undefined }), ['POOL_SERVICE_TOKENS']);
    assert.deepEqual(variables({ POOL_SERVICE_TOKENS: 'templates-token-0123456789,short' }), ['POOL_SERVICE_TOKENS']);
    assert.deepEqual(variables({ POOL_GIT_ALLOWED_HOSTS: 'http://git.example.com' }), ['POOL_GIT_ALLOWED_HOSTS']);
  });
});
