import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '@clove/kit';
import { routeHistograms, routeLatenciesBetween } from './bench.route-latency.js';

describe("a service's own latencies per route, between two readings of its /metrics", () => {
  let app: App;
  let url: string;
  let waits = 0;
  const get = async (path: string) => assert.equal((await fetch(`${url}${path}`)).status, 200);

  before(async () => {
    app = await createApp({ name: 'latency-check', logLevel: 'warn', docs: false });
    app.get('/quick', async () => ({ ok: true }));
    // Answers after a timer the test sets: slow requests without sleeping in the test itself.
    app.get('/slow', async () => new Promise((resolve) => setTimeout(() => resolve({ ok: ++waits }), 300)));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('counts only the requests served after the first reading', async () => {
    await Promise.all(Array.from({ length: 10 }, () => get('/quick')));
    const earlier = await routeHistograms(url);
    await Promise.all(Array.from({ length: 4 }, () => get('/slow')));
    const later = await routeHistograms(url);

    const since = routeLatenciesBetween(earlier, later)!;
    const routes = Object.fromEntries(since.routes.map((r) => [r.route, r]));
    assert.equal(routes['GET /slow']?.requests, 4);
    assert.ok(routes['GET /slow']!.p50AtMostMs! >= 300, 'the slow requests took at least their timer');
    assert.equal(routes['GET /quick'], undefined, 'the quick requests came before the first reading');

    const all = Object.fromEntries(routeLatenciesBetween(null, later)!.routes.map((r) => [r.route, r]));
    assert.equal(all['GET /quick']?.requests, 10);
    assert.ok(all['GET /quick']!.p99AtMostMs! <= 250);

    // Timers ran while the slow requests waited: a reading, not prom-client's "Nan".
    assert.ok(Number.isFinite(since.eventLoopDelayMeanMs) && since.eventLoopDelayMeanMs! >= 0);
  });

  it('is null when the metrics cannot be read', async () => {
    assert.equal(await routeHistograms('http://127.0.0.1:1'), null);
    assert.equal(routeLatenciesBetween(null, null), null);
  });
});
