import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database that cannot take a request', () => {
  it('is told by what pg and pg-pool say when no connection can be had', () => {
    assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
    assert.ok(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout')));
    assert.ok(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')));
  });

  it('is told by the SQLSTATE of a server shutting down, starting, full or cut off', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08003']) assert.ok(isDatabaseUnavailable(withCode('x', code)), code);
  });

  it('is not a refused statement, a bug or another network failure', () => {
    assert.ok(!isDatabaseUnavailable(withCode('duplicate key value', '23505')));
    assert.ok(!isDatabaseUnavailable(withCode('deadlock detected', '40P01')));
    assert.ok(!isDatabaseUnavailable(new TypeError('Cannot read properties of undefined')));
    assert.ok(!isDatabaseUnavailable(withCode('socket hang up', 'ECONNRESET')), 'a reset may be any peer');
    assert.ok(!isDatabaseUnavailable(withCode('other side closed', 'UND_ERR_SOCKET')));
    assert.ok(!isDatabaseUnavailable('timeout exceeded when trying to connect'), 'only errors');
  });
});
