import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@clove/kit';
import { TemplatesConfigSchema } from './config.js';

describe('templates config', () => {
  it('applies the defaults', () => {
    const config = loadConfig(TemplatesConfigSchema, {
      DATABASE_URL: 'postgres://localhost/x',
      AUTH_JWKS_URL: 'http://127.0.0.1:4101/jwks',
      POOL_URL: 'http://127.0.0.1:4105',
      POOL_SERVICE_TOKEN: 'templates-token-0123456789',
    });
    assert.equal(config.PORT, 4106);
    assert.equal(config.DB_SCHEMA, 'templates');
    assert.equal(config.PUBLIC_PREFIX, '/template');
  });
});
