import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@clove/kit';
import { PaymentsConfigSchema } from './config.js';

const env = { DATABASE_URL: 'postgres://localhost/x', PAYMENTS_API_KEYS: 'ticketing-key-0123456789' };

describe('payments config', () => {
  it('applies the defaults', () => {
    const config = loadConfig(PaymentsConfigSchema, env);
    assert.equal(config.PORT, 4103);
    assert.equal(config.DB_SCHEMA, 'payments');
    assert.equal(config.PUBLIC_PREFIX, '/payments');
    assert.equal(config.PAYMENTS_LATENCY_MS, 0);
    assert.equal(config.PAYMENTS_FAILURE_RATE, 0);
  });

  it('reads several keys and the fault settings', () => {
    const config = loadConfig(PaymentsConfigSchema, {
      ...env,
      PAYMENTS_API_KEYS: 'ticketing-key-0123456789, other-service-key-abcdef',
      PAYMENTS_LATENCY_MS: '250',
      PAYMENTS_FAILURE_RATE: '0.25',
    });
    assert.equal(config.PAYMENTS_LATENCY_MS, 250);
    assert.equal(config.PAYMENTS_FAILURE_RATE, 0.25);
  });

  it('names a missing or short key and a bad failure rate', () => {
    const variables = (extra: Record<string, string | undefined>) => {
      try {
        loadConfig(PaymentsConfigSchema, { ...env, ...extra });
        return [];
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems.map((p) => p.variable);
      }
    };
    assert.deepEqual(variables({ PAYMENTS_API_KEYS: undefined }), ['PAYMENTS_API_KEYS']);
    assert.deepEqual(variables({ PAYMENTS_API_KEYS: 'ticketing-key-0123456789,short' }), ['PAYMENTS_API_KEYS']);
    assert.deepEqual(variables({ PAYMENTS_FAILURE_RATE: '1.5' }), ['PAYMENTS_FAILURE_RATE']);
  });
});
