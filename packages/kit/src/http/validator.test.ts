import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { Line, Paragraph } from './text.js';
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

describe('text that people read (Line, Paragraph)', () => {
  const body = Type.Object({ title: Line({ minLength: 1, maxLength: 50 }), about: Type.Optional(Paragraph({ maxLength: 500 })) });
  const validate = compile({ schema: body, httpPart: 'body', method: 'POST', url: '/' }) as ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
  const problems = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => [e.instancePath, e.message]));

  it('takes ordinary text in any script, and right-to-left marks', () => {
    assert.deepEqual(problems({ title: 'Hamlet — 햄릿 (2026)', about: 'Act I\n\tScene 1\r\nElsinore' }), []);
    assert.deepEqual(problems({ title: 'עברית\u200F 2026' }), []);
  });

  it('refuses control characters, naming the field, the character and where it is', () => {
    assert.deepEqual(problems({ title: 'Ham\u001b[31mlet' }), [['/title', 'must be one line of text, without line breaks, tabs or other control characters (U+001B at character 4)']]);
    assert.deepEqual(problems({ title: 'Hamlet\nTonight' }), [['/title', 'must be one line of text, without line breaks, tabs or other control characters (U+000A at character 7)']]);
    assert.deepEqual(problems({ title: 'Hamlet', about: 'bell\u0007' }), [['/about', 'must not contain control characters other than line breaks and tabs (U+0007 at character 5)']]);
    assert.deepEqual(problems({ title: 'x\u0085y' }), [['/title', 'must be one line of text, without line breaks, tabs or other control characters (U+0085 at character 2)']]);
  });

  it('refuses bidirectional overrides, embeddings and isolates', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const [[path, message]] = problems({ title: `Concert ${c}gpj.exe` }) as [[string, string]];
      assert.equal(path, '/title');
      assert.match(message, /^must not contain bidirectional formatting characters, .* \(U\+20[26][0-9A-F] at character 9\)$/);
    }
  });

  it('refuses a line of only spaces', () => {
    assert.deepEqual(problems({ title: '   ' }), [['/title', 'must not be blank']]);
  });
});
