import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createApp, EVENT_LOOP_SAMPLING_MS, type App } from '@clove/kit';
import { routeHistograms, routeLatenciesBetween, type RouteHistograms } from './bench.route-latency.js';

describe("a service's own latencies per route, between two readings of its /metrics", () => {
  let app: App;
  let url: string;
  const get = async (path: string) => assert.equal((await fetch(`${url}${path}`)).status, 200);

  // /held answers when the test lets it: slow requests for as long as the test needs, no timer.
  const HELD = 4;
  let arrived = 0;
  let allArrived: () => void;
  const everyHeldArrived = new Promise<void>((resolve) => (allArrived = resolve));
  let letGo: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));

  before(async () => {
    app = await createApp({ name: 'latency-check', logLevel: 'warn', docs: false });
    app.get('/quick', async () => ({ ok: true }));
    app.get('/held', async () => {
      if (++arrived === HELD) allArrived();
      await released;
      return { ok: true };
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('counts only the requests served after the first reading', async () => {
    await Promise.all(Array.from({ length: 10 }, () => get('/quick')));
    const earlier = await routeHistograms(url);
    const held = Promise.all(Array.from({ length: HELD }, () => get('/held')));
    await everyHeldArrived;
    const heldSince = performance.now();
    const meanwhile = routeLatenciesBetween(earlier, await routeHistograms(url))!;
    assert.equal(meanwhile.routes.find((r) => r.route === 'GET /held'), undefined, 'requests still being served are not counted yet');
    const heldMs = performance.now() - heldSince;
    letGo();
    await held;
    const later = await routeHistograms(url);

    const since = routeLatenciesBetween(earlier, later)!;
    const routes = Object.fromEntries(since.routes.map((r) => [r.route, r]));
    assert.equal(routes['GET /held']?.requests, HELD);
    assert.ok(routes['GET /held']!.p50AtMostMs! >= heldMs, 'the held requests took at least as long as they were held');
    assert.equal(routes['GET /quick'], undefined, 'the quick requests came before the first reading');

    const all = Object.fromEntries(routeLatenciesBetween(null, later)!.routes.map((r) => [r.route, r]));
    assert.equal(all['GET /quick']?.requests, 10);
    assert.ok(all['GET /quick']!.p99AtMostMs! <= 250);
  });

  it('reads how late the event loop ran its timers, once a timer has run since the last reading', async () => {
    // prom-client samples the loop once a period and forgets its samples when read: a period
    // passes between readings (the app's loop is this one), until a reading holds a sample.
    let reading: RouteHistograms | null;
    do {
      await delay(EVENT_LOOP_SAMPLING_MS);
      reading = await routeHistograms(url);
    } while (reading !== null && reading.eventLoopDelayMeanMs === null);
    const since = routeLatenciesBetween(null, reading)!;
    assert.ok(Number.isFinite(since.eventLoopDelayMeanMs) && since.eventLoopDelayMeanMs! >= 0);
  });

  it('is null when the metrics cannot be read', async () => {
    assert.equal(await routeHistograms('http://127.0.0.1:1'), null);
    assert.equal(routeLatenciesBetween(null, null), null);
  });
});
