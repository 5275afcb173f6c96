import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamEjections } from './upstream-ejections.js';
import { RouteTable } from './route-table.js';

describe('UpstreamEjections', () => {
  it('passes over a refusing upstream for a time that doubles with each refusal in a row, up to the most', () => {
    let now = 0;
    const ejections = new UpstreamEjections({ baseMs: 1_000, maxMs: 3_000, now: () => now });
    ejections.refused('http://a:1');
    assert.equal(ejections.isEjected('http://a:1'), true);
    assert.equal(ejections.isEjected('http://b:1'), false);
    now = 1_000;
    assert.equal(ejections.isEjected('http://a:1'), false, 'tried again after its first second');
    ejections.refused('http://a:1');
    now = 2_999;
    assert.equal(ejections.isEjected('http://a:1'), true, 'two seconds after a second refusal');
    now = 3_000;
    ejections.refused('http://a:1');
    now = 5_999;
    assert.equal(ejections.isEjected('http://a:1'), true);
    now = 6_000;
    assert.equal(ejections.isEjected('http://a:1'), false, 'never longer than the most (3 s, not 4)');
  });

  it('ends the ejection and forgets the refusals once the upstream answers', () => {
    let now = 0;
    const ejections = new UpstreamEjections({ baseMs: 1_000, now: () => now });
    ejections.refused('http://a:1');
    ejections.refused('http://a:1');
    ejections.answered('http://a:1');
    assert.equal(ejections.isEjected('http://a:1'), false);
    ejections.refused('http://a:1');
    now = 1_000;
    assert.equal(ejections.isEjected('http://a:1'), false, 'counted from one again');
  });
});

describe('RouteTable with ejected upstreams', () => {
  it('balances over the upstreams that are not ejected, and over all of them when every one is', () => {
    let now = 0;
    const table = new RouteTable([], new UpstreamEjections({ now: () => now }));
    table.replaceDynamic([{ prefix: '/e/gala', upstreams: ['http://g1:1', 'http://g2:1', 'http://g3:1'], stripPrefix: true }]);
    table.ejections.refused('http://g2:1');
    const picked = Array.from({ length: 6 }, () => table.match('/e/gala/seats')!.upstream);
    assert.deepEqual(picked, ['http://g1:1', 'http://g3:1', 'http://g1:1', 'http://g3:1', 'http://g1:1', 'http://g3:1']);

    table.ejections.refused('http://g1:1');
    table.ejections.refused('http://g3:1');
    assert.deepEqual(new Set(Array.from({ length: 3 }, () => table.match('/e/gala/seats')!.upstream)), new Set(['http://g1:1', 'http://g2:1', 'http://g3:1']));

    now = 60_000;
    assert.deepEqual(new Set(Array.from({ length: 3 }, () => table.match('/e/gala/seats')!.upstream)).size, 3, 'all back after their time');
  });

  it('offers another upstream for a refused request: not tried and not ejected', () => {
    const table = new RouteTable([]);
    table.replaceDynamic([{ prefix: '/e/gala', upstreams: ['http://g1:1', 'http://g2:1', 'http://g3:1'], stripPrefix: true }]);
    const match = table.match('/e/gala/seats')!;
    assert.equal(match.upstream, 'http://g1:1');
    table.ejections.refused('http://g1:1');
    table.ejections.refused('http://g2:1');
    assert.equal(table.another(match, new Set(['http://g1:1'])), 'http://g3:1');
    assert.equal(table.another(match, new Set(['http://g1:1', 'http://g3:1'])), null);
  });
});
