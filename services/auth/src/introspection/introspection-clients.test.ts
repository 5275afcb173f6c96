import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntrospectionClients } from './introspection.service.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('IntrospectionClients', () => {
  const clients = new IntrospectionClients('platform:s3cret-value, other:x:y');
  it('accepts configured client credentials only', () => {
    assert.equal(clients.accepts(basic('platform', 's3cret-value')), true);
    assert.equal(clients.accepts(basic('other', 'x:y')), true);
    assert.equal(clients.accepts(basic('platform', 'wrong')), false);
    assert.equal(clients.accepts(basic('nobody', 's3cret-value')), false);
    assert.equal(clients.accepts('Bearer s3cret-value'), false);
    assert.equal(clients.accepts(undefined), false);
  });
  it('accepts nobody when none are configured', () => {
    assert.equal(new IntrospectionClients('').accepts(basic('', '')), false);
  });
});
