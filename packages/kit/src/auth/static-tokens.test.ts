import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StaticTokens } from './static-tokens.js';

describe('StaticTokens', () => {
  const tokens = new StaticTokens(' first-secret-0123456789 , second-secret-0123456789');

  it('accepts each configured token as a bearer token', () => {
    assert.equal(tokens.accepts('Bearer first-secret-0123456789'), true);
    assert.equal(tokens.accepts('bearer second-secret-0123456789'), true);
  });

  it('refuses anything else', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer first-secret-012345678', 'Basic first-secret-0123456789', 'first-secret-0123456789']) {
      assert.equal(tokens.accepts(header), false, String(header));
    }
  });

  it('refuses to start with short or no tokens', () => {
    assert.throws(() => new StaticTokens('short'));
    assert.throws(() => new StaticTokens(' , '));
  });
});
