import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { ConfigError, loadConfig } from './load-config.js';
import { VARIABLE_NAMES, variableNamesEnv } from './variable-names.js';

const Schema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535 }),
  DATABASE_URL: Type.String({ minLength: 1 }),
  LOG_LEVEL: Type.String({ default: 'info' }),
  VERBOSE: Type.Boolean({ default: false }),
});

describe('loadConfig', () => {
  it('converts strings to the schema types and applies defaults', () => {
    const config = loadConfig(Schema, { PORT: '8080', DATABASE_URL: 'postgres://x', VERBOSE: 'true' });
    assert.deepEqual(config, { PORT: 8080, DATABASE_URL: 'postgres://x', LOG_LEVEL: 'info', VERBOSE: true });
  });

  it('names every bad and missing variable', () => {
    assert.throws(
      () => loadConfig(Schema, { PORT: 'eighty' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const variables = error.problems.map((p) => p.variable);
        assert.ok(variables.includes('PORT'), `PORT named in ${error.message}`);
        assert.ok(variables.includes('DATABASE_URL'), `DATABASE_URL named in ${error.message}`);
        assert.match(error.message, /DATABASE_URL: is required/);
        return true;
      },
    );
  });

  it('names the values a choice allows, once', () => {
    const Levels = Type.Object({ LOG_LEVEL: Type.Union(['info', 'debug'].map((l) => Type.Literal(l)), { default: 'info' }) });
    assert.throws(
      () => loadConfig(Levels, { LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [{ variable: 'LOG_LEVEL', message: 'must be one of info, debug' }]);
        return true;
      },
    );
  });

  it('names a variable as the operator set it, when the environment tells that name', () => {
    const env = { PORT: 'eighty', ...variableNamesEnv({ PORT: 'AUTH_PORT', DATABASE_URL: 'AUTH_DATABASE_URL' }) };
    assert.throws(
      () => loadConfig(Schema, env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.map((p) => p.variable).sort(), ['AUTH_DATABASE_URL', 'AUTH_PORT']);
        assert.match(error.message, /AUTH_DATABASE_URL: is required/);
        return true;
      },
    );
    const levels = Type.Object({ LOG_LEVEL: Type.Union(['info', 'debug'].map((l) => Type.Literal(l))) });
    assert.throws(() => loadConfig(levels, { LOG_LEVEL: 'loud', [VARIABLE_NAMES]: '{"LOG_LEVEL":"AUTH_LOG_LEVEL"}' }), /AUTH_LOG_LEVEL: must be one of info, debug/);
    assert.throws(() => loadConfig(levels, { LOG_LEVEL: 'loud', [VARIABLE_NAMES]: 'not json' }), /\n {2}LOG_LEVEL: must be one of info, debug/);
  });

  it('refuses values outside the range', () => {
    assert.throws(() => loadConfig(Schema, { PORT: '70000', DATABASE_URL: 'x' }), /PORT/);
  });
});
