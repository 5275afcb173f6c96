import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createValidatorCompiler } from './validator.js';

const compile = createValidatorCompiler();
const query = {
  type: 'object',
  properties: { limit: { type: 'integer' }, ratio: { type: 'number' }, pages: { type: 'array', items: { type: 'integer' } }, q: { type: 'string' } },
  additionalProperties: false,
};

function check(httpPart: 'querystring' | 'body', data: Record<string, unknown>) {
  const validate = compile({ schema: query, httpPart, method: 'GET', url: '/' }) as ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
  return { valid: validate(data), data, errors: validate.errors ?? [] };
}

describe('validator', () => {
  it('coerces decimal numbers of a query string', () => {
    const taken = check('querystring', { limit: '10', ratio: '-2.5', pages: ['1', '02'], q: '0x10' });
    assert.equal(taken.valid, true, JSON.stringify(taken.errors));
    assert.deepEqual(taken.data, { limit: 10, ratio: -2.5, pages: [1, 2], q: '0x10' });
  });

  it('refuses numbers of a query string spelled otherwise, naming the field', () => {
    const whole = 'must be a whole number written in decimal, such as 10';
    const any = 'must be a decimal number, such as 10 or 2.5';
    for (const [key, spelled, message] of [['limit', '0x10', whole], ['limit', '1e3', whole], ['limit', ' 7', whole], ['ratio', '.5', any], ['ratio', '0b1', any], ['pages', ['1', '0o7'], whole]] as const) {
      const refused = check('querystring', { [key]: spelled });
      assert.equal(refused.valid, false, `${key}=${String(spelled)}`);
      assert.deepEqual(refused.errors.map((e) => [e.instancePath, e.message]), [[`/${key}`, message]]);
    }
  });

  it('leaves bodies uncoerced', () => {
    assert.equal(check('body', { limit: '10' }).valid, false);
    assert.equal(check('body', { limit: 10 }).valid, true);
  });
});
