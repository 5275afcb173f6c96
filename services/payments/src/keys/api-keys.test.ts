import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ApiKeys } from './api-keys.js';

describe('ApiKeys', () => {
  const keys = new ApiKeys(' ticketing-key-0123456789 , other-service-key-abcdef ');

  it('identifies each configured key by the SHA-256 of it', () => {
    const ticketing = keys.identify('Bearer ticketing-key-0123456789');
    assert.equal(ticketing?.id, createHash('sha256').update('ticketing-key-0123456789').digest('hex'));
    assert.equal(ticketing?.secret, 'ticketing-key-0123456789');
    assert.ok(keys.identify('bearer other-service-key-abcdef'));
    assert.notEqual(keys.identify('Bearer other-service-key-abcdef')?.id, ticketing?.id);
  });

  it('refuses unknown, partial and malformed credentials', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ticketing-key-012345678', 'Basic ticketing-key-0123456789', 'ticketing-key-0123456789']) {
      assert.equal(keys.identify(header), null, String(header));
    }
    assert.equal(new ApiKeys('').identify('Bearer '), null);
  });
});
