import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, requestFingerprint } from './fingerprint.js';

const SECRET = 'ticketing-key-0123456789';
const body = { amount: 1000, currency: 'KRW', card: { number: '4242424242424242', expiry: '12/40', cvc: '123' }, reference: 'order-1' };

describe('request fingerprint', () => {
  it('writes canonical JSON with sorted keys', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  });

  it('is equal for equal requests, whatever the key order or card spacing', () => {
    const same = { reference: 'order-1', card: { cvc: '123', expiry: '12/40', number: '4242 4242 4242 4242' }, currency: 'KRW', amount: 1000 };
    assert.equal(requestFingerprint(SECRET, 'POST', '/payments', body), requestFingerprint(SECRET, 'post', '/payments', same));
    assert.match(requestFingerprint(SECRET, 'POST', '/payments', body), /^[0-9a-f]{64}$/);
  });

  it('differs by method, path, body and API key', () => {
    const base = requestFingerprint(SECRET, 'POST', '/payments', body);
    const others = [
      requestFingerprint(SECRET, 'PUT', '/payments', body),
      requestFingerprint(SECRET, 'POST', '/payments/x/refunds', body),
      requestFingerprint(SECRET, 'POST', '/payments', { ...body, amount: 1001 }),
      requestFingerprint(SECRET, 'POST', '/payments', { ...body, card: { ...body.card, number: '4000000000000002' } }),
      requestFingerprint('other-service-key-abcdef', 'POST', '/payments', body),
    ];
    assert.equal(new Set([base, ...others]).size, 6);
  });

  it('fingerprints bodies without a card, and no body', () => {
    assert.notEqual(requestFingerprint(SECRET, 'POST', '/p/refunds', { amount: 5 }), requestFingerprint(SECRET, 'POST', '/p/refunds', {}));
    assert.equal(requestFingerprint(SECRET, 'POST', '/p/refunds', undefined), requestFingerprint(SECRET, 'POST', '/p/refunds', null));
  });
});
