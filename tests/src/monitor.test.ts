/**
 * R11, R19–R22, R26 series through the gateway of the real platform: real replicas under real
 * load, sampled from the operating system; alerts, autoscaling, admin views and actions; and a
 * real Prometheus scraping the processes through the discovery file the monitor writes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, adminEnv, logIn, signUpAndLogIn, type Session } from './support/accounts.js';
import { pay } from './support/buying.js';
import { builtinTemplates, deployment, deployRunning, uniqueSlug, type DeploymentView } from './support/deployments.js';
import { eventually, expectProblem, get, post, request } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';
import { startPrometheus, type RunningPrometheus } from './support/prometheus.js';

interface Series { component: string; replica: string; metric: 'cpu' | 'memory'; unit: string; points: Array<[number, number]> }
interface Container { deploymentId: string; component: string; replica: string; ready: boolean; usage: { cpuCores: number | null; memoryBytes: number | null } | null }
interface Component { deploymentId: string; slug: string; namespace: string; component: string; workload: string; revision: number | null; desiredReplicas: number; readyReplicas: number }

const SECTIONS = [{ name: 'A', grade: 'R', price: 40_000, rows: 10, seatsPerRow: 20 }];

/** Buyers reading a performance's seat map as fast as they can, until stopped. */
function loadOn(base: string, concurrency = 12) {
  let running = true;
  let requests = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) {
      await fetch(`${base}/seats`).then((r) => r.arrayBuffer()).catch(() => undefined);
      requests += 1;
    }
  });
  return { stop: async () => { running = false; await Promise.all(loops); return requests; } };
}

const window = (seconds: number) => since(Date.now() - seconds * 1000);
const since = (from: number) => `from=${new Date(from).toISOString()}&to=${new Date(Date.now() + 1000).toISOString()}`;
const peak = (series: Series[], metric: 'cpu' | 'memory') =>
  Math.max(0, ...series.filter((s) => s.metric === metric).flatMap((s) => s.points.map(([, v]) => v)));

describe('monitoring through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let owner: Session;
  let stranger: Session;
  let buyer: Session;
  let busy: DeploymentView;
  let quiet: DeploymentView;

  const containersOf = async (id: string) =>
    ((await get<Container[]>(`${platform.gateway}/system/monitor/containers`, admin)).body).filter((c) => c.deploymentId === id);
  const server = async (id: string, from: number, token = owner.accessToken) =>
    get(`${platform.gateway}/monitor/server/${id}?${since(from)}&step=1`, token);

  before(async () => {
    platform = await startPlatform({ env: { ...adminEnv, MONITOR_SAMPLE_INTERVAL_MS: '1000', DEPLOYER_DRAIN_MS: '200' } });
    admin = (await logIn(platform.gateway, ADMIN.email, ADMIN.password)).accessToken;
    [owner, stranger, buyer] = await Promise.all([
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'buyer'),
    ]);
    const templates = await builtinTemplates(platform.gateway, owner.accessToken);
    busy = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug: uniqueSlug('busy') });
    quiet = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug: uniqueSlug('quiet') });
    await applyPerformance(platform, busy.slug, owner.accessToken, SECTIONS);
  });
  after(async () => {
    await platform?.dispose();
  });

  it('samples each replica from the system: CPU rises for the loaded component and not for the others (R11, R19)', async () => {
    // Both replicas settle after starting (a start costs CPU too) before the load begins.
    await eventually(async () => {
      const recent = Date.now() - 3000;
      const [a, b] = await Promise.all([server(busy.id, recent), server(quiet.id, recent)]);
      const settled = (series: Series[]) => series.some((s) => s.metric === 'cpu' && s.points.length >= 2) && peak(series, 'cpu') < 0.1;
      return settled(a.body.series) && settled(b.body.series);
    }, 60_000, 'idle replicas');
    const started = Date.now();
    const load = loadOn(`${platform.gateway}/e/${busy.slug}`);
    await eventually(async () => Date.now() - started > 4000 && peak((await server(busy.id, started)).body.series, 'cpu') > 0.2, 60_000, 'CPU of the loaded replica to rise');
    const requests = await load.stop();
    assert.ok(requests > 100, `${requests} requests of load`);

    const loaded = (await server(busy.id, started)).body;
    assert.equal(loaded.source, 'embedded');
    assert.equal(loaded.stepSeconds, 1);
    assert.deepEqual(new Set(loaded.series.map((s: Series) => `${s.component} ${s.metric} ${s.unit}`)), new Set(['ticketing cpu cores', 'ticketing memory bytes']));
    assert.ok(peak(loaded.series, 'memory') > 30 * 2 ** 20, 'a Node.js process resident in memory');
    const idle = (await server(quiet.id, started)).body.series as Series[];
    assert.ok(idle.some((s) => s.metric === 'cpu' && s.points.length >= 3), 'the idle one is sampled too');
    assert.ok(peak(idle, 'cpu') < 0.1, `the idle one stayed idle: ${peak(idle, 'cpu')} cores`);

    const containers = await containersOf(busy.id);
    assert.equal(containers.length, 1);
    assert.ok(containers[0]!.usage && containers[0]!.usage.memoryBytes! > 0);
    const nodes = (await get(`${platform.gateway}/system/monitor/nodes`, admin)).body;
    assert.equal(nodes.length, 1);
    assert.ok(nodes[0].cpuMillis >= 1000 && nodes[0].memoryBytes > 0 && nodes[0].used.replicas >= 2);
  });

  it('opens an alert while a rule holds and resolves it when the load stops (R20)', async () => {
    const rules = [{ name: 'busy-cpu', metric: 'cpu', comparison: '>', threshold: 0.15, durationSeconds: 2, severity: 'warning', enabled: true }];
    const put = await request('PUT', `${platform.gateway}/system/alert-rules`, { token: admin, body: rules });
    assert.equal(put.status, 200, put.text);
    const load = loadOn(`${platform.gateway}/e/${busy.slug}`);
    const alerts = `${platform.gateway}/system/alerts?deploymentId=${busy.id}`;
    const opened = await eventually(async () => (await get(`${alerts}&state=open`, admin)).body.find((a: any) => a.rule === 'busy-cpu'), 60_000, 'the alert to open');
    await load.stop();
    assert.equal(opened.severity, 'warning');
    assert.equal(opened.component, 'ticketing');
    assert.match(opened.message, /cpu .* % > 15 % for 2 s/);
    const resolved = await eventually(async () => (await get(`${alerts}&state=resolved`, admin)).body.find((a: any) => a.id === opened.id), 60_000, 'the alert to resolve');
    assert.ok(Date.parse(resolved.resolvedAt) > Date.parse(resolved.openedAt));
    assert.ok(!(await get(`${platform.gateway}/system/alerts?deploymentId=${quiet.id}`, admin)).body.some((a: any) => a.rule === 'busy-cpu'), 'no alert for the idle one');

    const duplicate = await request('PUT', `${platform.gateway}/system/alert-rules`, { token: admin, body: [...rules, rules[0]] });
    expectProblem(duplicate, 409, 'DUPLICATE_RULE');
    const bad = await request('PUT', `${platform.gateway}/system/alert-rules`, { token: admin, body: [{ ...rules[0], metric: 'disk', comparison: '!=' }] });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expectProblem(await get(`${platform.gateway}/system/alert-rules`, owner.accessToken), 403, 'WRONG_ROLE');
  });

  it('autoscales out under load and back in after the cooldown, recording why (R21)', async () => {
    const policyUrl = `${platform.gateway}/system/autoscale/${busy.id}/ticketing`;
    const policy = await request('PUT', policyUrl, { token: admin, body: { minReplicas: 1, maxReplicas: 3, targetCpu: 0.1, cooldownSeconds: 4 } });
    assert.equal(policy.status, 200, policy.text);
    assert.equal(policy.body.hpa.kind, 'HorizontalPodAutoscaler');
    assert.equal(policy.body.hpa.spec.metrics[0].resource.target.averageUtilization, 10);
    assert.equal(policy.body.hpa.spec.scaleTargetRef.name, 'ticketing-r1');

    const load = loadOn(`${platform.gateway}/e/${busy.slug}`);
    await eventually(async () => (await containersOf(busy.id)).filter((c) => c.ready).length >= 2, 90_000, 'a scale-out');
    await load.stop();
    // The scale-in is the decision recorded and the one container left (a replica between two
    // samples can be missing from the list for a moment, so the count alone is not enough).
    const scaledIn = async () =>
      ((await get(policyUrl, admin)).body.decisions as Array<{ fromReplicas: number; toReplicas: number }>)
        .some((d) => d.toReplicas === 1 && d.fromReplicas > 1);
    await eventually(async () => (await scaledIn()) && (await containersOf(busy.id)).length === 1, 90_000, 'the scale-in after the cooldown');

    const decisions = (await get(policyUrl, admin)).body.decisions as Array<{ fromReplicas: number; toReplicas: number; reason: string; outcome: string; at: string }>;
    const out = decisions.find((d) => d.toReplicas > d.fromReplicas);
    const back = decisions.find((d) => d.toReplicas === 1 && d.fromReplicas > 1);
    assert.ok(out && back, JSON.stringify(decisions));
    assert.match(out.reason, /average CPU .* % of the limit over \d+ s, target 10 %/);
    assert.equal(out.outcome, 'scaled');
    assert.ok(Date.parse(back.at) - Date.parse(out.at) >= 4000, 'not within the cooldown');
    assert.equal((await request('DELETE', policyUrl, { token: admin })).status, 204);
    const invalid = await request('PUT', policyUrl, { token: admin, body: { minReplicas: 4, maxReplicas: 2, targetCpu: 0.5 } });
    expectProblem(invalid, 400, 'INVALID_POLICY');
    expectProblem(await request('PUT', policyUrl, { token: admin, body: { minReplicas: 1, maxReplicas: 2, targetCpu: 1.5 } }), 400, 'VALIDATION_FAILED');
    const misspelt = `${platform.gateway}/system/autoscale/${busy.id}/ticketng`;
    expectProblem(await request('PUT', misspelt, { token: admin, body: { minReplicas: 1, maxReplicas: 2, targetCpu: 0.5 } }), 404, 'COMPONENT_NOT_FOUND');
    expectProblem(await get(misspelt, admin), 404, 'POLICY_NOT_FOUND');
  });

  it('lets an admin scale (to zero and back) and move, within bounds, kept by the deployer (R21, R22)', async () => {
    const scale = (replicas: number, component = 'ticketing') =>
      post(`${platform.gateway}/system/env/scale`, { deploymentId: quiet.id, component, replicas }, admin);
    const toZero = await scale(0);
    assert.equal(toZero.status, 200, toZero.text);
    await eventually(async () => (await containersOf(quiet.id)).length === 0, 30_000, 'no replica left');
    // The scale answers before the replica has finished stopping, as on a cluster.
    const unavailable = await eventually(async () => {
      const answer = await get(`${platform.gateway}/e/${quiet.slug}/event`);
      return answer.status === 502 ? answer : undefined;
    }, 30_000, 'the gateway to find no replica');
    expectProblem(unavailable, 502, 'UPSTREAM_UNAVAILABLE');
    const toTwo = await scale(2);
    assert.equal(toTwo.status, 200, toTwo.text);
    await eventually(async () => (await containersOf(quiet.id)).filter((c) => c.ready).length === 2, 30_000, 'two replicas');
    assert.equal((await deployment(platform.gateway, owner.accessToken, quiet.id)).components[0]!.desiredReplicas, 2);
    assert.equal((await get(`${platform.gateway}/e/${quiet.slug}/event`)).body.code, 'PERFORMANCE_NOT_FOUND', 'answered again');

    const tooMany = await scale(500);
    expectProblem(tooMany, 400, 'TOO_MANY_REPLICAS');
    expectProblem(await scale(1, 'nothing'), 404, 'COMPONENT_NOT_FOUND');
    expectProblem(await post(`${platform.gateway}/system/env/scale`, { deploymentId: quiet.id, component: 'ticketing', replicas: -1 }, admin), 400, 'VALIDATION_FAILED');
    expectProblem(await post(`${platform.gateway}/system/env/scale`, { deploymentId: quiet.id, component: 'ticketing', replicas: 1 }, owner.accessToken), 403, 'WRONG_ROLE');

    const node = (await get(`${platform.gateway}/system/monitor/nodes`, admin)).body[0].name as string;
    const moved = await post(`${platform.gateway}/system/env/move`, { deploymentId: quiet.id, component: 'ticketing', node }, admin);
    assert.equal(moved.status, 200, moved.text);
    const elsewhere = await post(`${platform.gateway}/system/env/move`, { deploymentId: quiet.id, component: 'ticketing', node: 'node-that-is-not' }, admin);
    expectProblem(elsewhere, 400, 'UNKNOWN_NODE');
    assert.match(elsewhere.body.detail, /one node/);
    assert.equal(elsewhere.body.errors[0].path, '/body/node');
  });

  it('lists every component with its desired and ready replicas, following a scale down to zero, for admins only (R19, R21)', async () => {
    const listed = async (id: string) =>
      (await get<Component[]>(`${platform.gateway}/system/monitor/components`, admin)).body.find((c) => c.deploymentId === id && c.component === 'ticketing');
    const counted = (desired: number, ready: number) =>
      eventually(async () => {
        const component = await listed(quiet.id);
        return component?.desiredReplicas === desired && component.readyReplicas === ready ? component : undefined;
      }, 60_000, `${ready} of ${desired} replicas ready`);
    const scale = async (replicas: number) => {
      const scaled = await post(`${platform.gateway}/system/env/scale`, { deploymentId: quiet.id, component: 'ticketing', replicas }, admin);
      assert.equal(scaled.status, 200, scaled.text);
    };

    await scale(1);
    assert.deepEqual(await counted(1, 1), {
      deploymentId: quiet.id, slug: quiet.slug, namespace: quiet.namespace, component: 'ticketing', workload: 'ticketing-r1', revision: 1, desiredReplicas: 1, readyReplicas: 1,
    });
    assert.ok(await listed(busy.id), 'every deployment is listed');
    await scale(0);
    await counted(0, 0);
    await scale(2);
    await counted(2, 2);
    const fromDeployer = (await get<Component[]>(`${platform.gateway}/deploy/runtime/components`, admin)).body.find((c) => c.deploymentId === quiet.id);
    assert.equal(fromDeployer?.desiredReplicas, 2, 'the deployer answers admins the same list');

    for (const url of ['/system/monitor/components', '/deploy/runtime/components']) {
      expectProblem(await get(`${platform.gateway}${url}`, owner.accessToken), 403, 'WRONG_ROLE');
      expectProblem(await get(`${platform.gateway}${url}`), 401, 'TOKEN_MISSING');
    }
  });

  it('answers booking statistics from the performance\'s own data, and refuses bad windows and other sellers (R26)', async () => {
    const base = `${platform.gateway}/e/${busy.slug}`;
    const hold = await post(`${base}/buyticket/holds`, { seatIds: ['A-1-1', 'A-1-2'] }, buyer.accessToken);
    assert.equal((await pay(base, buyer.accessToken, hold.body.holdId)).status, 201);
    const stats = await get(`${platform.gateway}/monitor/ticket/${busy.id}?${window(600)}&step=60`, owner.accessToken);
    assert.equal(stats.status, 200, stats.text);
    assert.equal(stats.body.slug, busy.slug);
    assert.equal(stats.body.points.reduce((n: number, p: { tickets: number }) => n + p.tickets, 0), 2);
    assert.equal(stats.body.points.reduce((n: number, p: { revenue: number }) => n + p.revenue, 0), 80_000);
    assert.equal((await get(`${platform.gateway}/monitor/ticket/${busy.id}?${window(600)}`, admin)).status, 200, 'admins see it too');

    for (const url of [`/monitor/server/${busy.id}?${window(60)}`, `/monitor/ticket/${busy.id}?${window(60)}`]) {
      expectProblem(await get(`${platform.gateway}${url}`, stranger.accessToken), 403, 'NOT_YOUR_DEPLOYMENT');
      expectProblem(await get(`${platform.gateway}${url}`, buyer.accessToken), 403, 'WRONG_ROLE');
      expectProblem(await get(`${platform.gateway}${url}`), 401, 'TOKEN_MISSING');
    }
    const now = Date.now();
    const reversed = await get(`${platform.gateway}/monitor/server/${busy.id}?from=${new Date(now).toISOString()}&to=${new Date(now - 60_000).toISOString()}`, owner.accessToken);
    expectProblem(reversed, 400, 'INVALID_WINDOW');
    const tooLong = await get(`${platform.gateway}/monitor/server/${busy.id}?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&step=86400`, owner.accessToken);
    expectProblem(tooLong, 400, 'INVALID_WINDOW');
    assert.match(tooLong.body.errors[0].message, /at most 2592000 seconds \(30 days\)/);
    const tooFine = await get(`${platform.gateway}/monitor/server/${busy.id}?from=${new Date(now - 7 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}&step=1`, owner.accessToken);
    expectProblem(tooFine, 400, 'INVALID_WINDOW');
    assert.match(tooFine.body.errors[0].message, /at most 11000 points, so at least 55 seconds/);
    expectProblem(await get(`${platform.gateway}/monitor/server/${busy.id}?from=yesterday&to=now`, owner.accessToken), 400, 'VALIDATION_FAILED');
    expectProblem(await get(`${platform.gateway}/monitor/server/00000000-0000-4000-8000-000000000000?${window(60)}`, owner.accessToken), 404, 'DEPLOYMENT_NOT_FOUND');
  });
});

describe('monitoring with Prometheus', () => {
  let prometheus: RunningPrometheus;
  let platform: RunningPlatform;

  before(async () => {
    prometheus = await startPrometheus();
    platform = await startPlatform({
      env: {
        MONITOR_SAMPLE_INTERVAL_MS: '1000',
        MONITOR_PROMETHEUS_URL: prometheus.url,
        MONITOR_PROMETHEUS_SD_FILE: prometheus.targetsFile,
        MONITOR_PROMETHEUS_SCRAPE_INTERVAL_SECONDS: '1',
        ...adminEnv,
      },
    });
  });
  after(async () => {
    await platform?.dispose();
    await prometheus?.stop();
  });

  it('scrapes every replica through the discovery file and answers the same shape; without Prometheus, 503 while sampling goes on', async () => {
    const seller = await signUpAndLogIn(platform.gateway, 'seller');
    const admin = (await logIn(platform.gateway, ADMIN.email, ADMIN.password)).accessToken;
    const templates = await builtinTemplates(platform.gateway, seller.accessToken);
    const view = await deployRunning(platform.gateway, seller.accessToken, templates['flash-sale']!, { slug: uniqueSlug('scraped'), replicas: 2 });
    const answer = await eventually(async () => {
      const got = await get(`${platform.gateway}/monitor/server/${view.id}?${window(60)}&step=2`, seller.accessToken);
      const series = got.body.series as Series[];
      const complete = series.length === 4 && series.every((s) => s.points.length >= 2);
      return complete ? got.body : undefined;
    }, 90_000, 'Prometheus series of both replicas');
    assert.equal(answer.source, 'prometheus');
    assert.deepEqual(Object.keys(answer).sort(), ['deploymentId', 'from', 'namespace', 'series', 'source', 'stepSeconds', 'to']);
    assert.deepEqual(new Set(answer.series.map((s: Series) => s.replica)), new Set(['ticketing-r1-0', 'ticketing-r1-1']));
    for (const s of answer.series as Series[]) {
      assert.deepEqual(Object.keys(s).sort(), ['component', 'metric', 'points', 'replica', 'unit']);
      assert.equal(s.unit, s.metric === 'cpu' ? 'cores' : 'bytes');
      assert.ok(s.points.every(([t, v]) => Number.isInteger(t) && Number.isFinite(v)));
    }
    assert.ok(peak(answer.series, 'memory') > 30 * 2 ** 20);

    await prometheus.stop();
    const down = await get(`${platform.gateway}/monitor/server/${view.id}?${window(60)}&step=2`, seller.accessToken);
    expectProblem(down, 503, 'PROMETHEUS_UNAVAILABLE');
    assert.match(down.body.detail, new RegExp(`Prometheus at ${prometheus.url}`));
    const sampled = await eventually(async () => {
      const containers = (await get<Container[]>(`${platform.gateway}/system/monitor/containers`, admin)).body.filter((c) => c.deploymentId === view.id);
      return containers.length === 2 && containers.every((c) => c.usage?.cpuCores !== null && c.usage?.cpuCores !== undefined) ? containers : undefined;
    }, 30_000, 'embedded samples');
    assert.equal(sampled.length, 2);
  });
});
