import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RouteTable } from './route-table.js';

describe('RouteTable', () => {
  const table = new RouteTable([
    { prefix: '/auth', upstreams: ['http://a:1'], stripPrefix: true },
    { prefix: '/e', upstreams: ['http://catch-all:1'], stripPrefix: false },
  ]);
  table.replaceDynamic([{ prefix: '/e/gala', upstreams: ['http://g1:1', 'http://g2:1'], stripPrefix: true }]);

  it('matches whole segments, longest prefix first, and strips the prefix', () => {
    const login = table.match('/auth/login');
    assert.equal(login?.route.prefix, '/auth');
    assert.equal(login?.upstream, 'http://a:1');
    assert.equal(login?.path, '/login');
    assert.equal(table.match('/auth')?.path, '/');
    assert.equal(table.match('/authority'), null);
    assert.equal(table.match('/e/gala/seats')?.path, '/seats');
    assert.equal(table.match('/e/other/seats')?.upstream, 'http://catch-all:1');
    assert.equal(table.match('/e/other/seats')?.path, '/e/other/seats');
    assert.equal(table.match('/'), null);
  });

  it('puts the replacement prefix in the matched prefix\'s place', () => {
    const rewriting = new RouteTable([]);
    rewriting.replaceDynamic([
      { prefix: '/e/gala/admin', upstreams: ['http://a:1'], stripPrefix: true, replacePrefix: '/internal/' },
      { prefix: '/e/gala', upstreams: ['http://g:1'], stripPrefix: true, replacePrefix: '/' },
    ]);
    assert.equal(rewriting.match('/e/gala/admin/stats')?.path, '/internal/stats');
    assert.equal(rewriting.match('/e/gala/admin')?.path, '/internal/');
    assert.equal(rewriting.match('/e/gala/seats')?.path, '/seats');
  });

  it('balances a route over its upstreams in turn', () => {
    const picked = [1, 2, 3, 4].map(() => table.match('/e/gala/event')?.upstream);
    assert.deepEqual(new Set(picked), new Set(['http://g1:1', 'http://g2:1']));
    assert.notEqual(picked[0], picked[1]);
  });

  it('replaces run-time routes as a whole and never static ones', () => {
    table.replaceDynamic([]);
    assert.equal(table.match('/e/gala/seats')?.upstream, 'http://catch-all:1');
  });

  it('keeps platform paths from run-time routes: a static prefix, any path under one, and the web files', () => {
    const platform = new RouteTable([{ prefix: '/auth', upstreams: ['http://a:1'], stripPrefix: true }]);
    for (const prefix of ['/auth', '/auth/login', '/auth/x/y', '/web', '/web/shell']) assert.equal(platform.isPlatformPath(prefix), true, prefix);
    for (const prefix of ['/authority', '/e/gala', '/webinar', '/e/auth']) assert.equal(platform.isPlatformPath(prefix), false, prefix);
  });
});
