/**
 * R7–R12 through the gateway of the real platform: an admin's templates, a seller's
 * deployment as real processes with its own database, a buyer's ticket under /e/{slug}/,
 * members, a blue-green update under load, delete, and every refusal.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ADMIN, adminEnv, logIn, signUpAndLogIn, type Session } from './support/accounts.js';
import { pay } from './support/buying.js';
import { builtinTemplates, deploy, deployment, deployRunning, settled, uniqueSlug } from './support/deployments.js';
import { eventually, expectProblem, get, post, request } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';
import { tokenMinter } from './support/tokens.js';

const SECTIONS = [{ name: 'A', grade: 'R', price: 50_000, rows: 10, seatsPerRow: 20 }];

interface Seat { id: string; state: string }

/** Holds one available seat (retrying when another buyer was faster) and pays for it. */
async function buyOneSeat(base: string, token: string): Promise<{ orderId: string; statuses: number[] }> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const seats = await get<{ seats: Seat[] }>(`${base}/seats`, token);
    statuses.push(seats.status);
    const free = seats.body.seats.filter((s) => s.state === 'available');
    if (free.length === 0) throw new Error('sold out');
    const seat = free[Math.floor(Math.random() * free.length)]!;
    const hold = await post(`${base}/buyticket/holds`, { seatIds: [seat.id] }, token);
    statuses.push(hold.status);
    if (hold.status === 409) continue;
    const order = await pay(base, token, hold.body.holdId);
    statuses.push(order.status);
    if (order.status === 201) return { orderId: order.body.order.id, statuses };
    return { orderId: '', statuses };
  }
  return { orderId: '', statuses };
}

/** Statuses a buyer may meet without anything having failed: answers, and a seat someone else took. */
const ANSWERED = new Set([200, 201, 409]);

/** Members one seller may add by email per hour here (30 by default): more than the sharing test uses. */
const MEMBER_ADDS_PER_HOUR = 10;

describe('deployer through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let templates: Record<string, string>;
  let owner: Session;
  let colleague: Session;
  let buyer: Session;
  let namespaces: pg.Client;

  before(async () => {
    // Short enough for the crash loop below to give up soon, long enough for a replica to start
    // on a loaded machine.
    platform = await startPlatform({
      env: { ...adminEnv, DEPLOYER_READY_TIMEOUT_MS: '15000', DEPLOYER_DRAIN_MS: '500', DEPLOYER_MEMBER_ADDS_PER_HOUR: String(MEMBER_ADDS_PER_HOUR) },
    });
    admin = (await logIn(platform.gateway, ADMIN.email, ADMIN.password)).accessToken;
    [owner, colleague, buyer] = await Promise.all([
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'buyer'),
    ]);
    templates = await builtinTemplates(platform.gateway, owner.accessToken);
    namespaces = new pg.Client({ connectionString: (await platform.runtime()).databases.deployer });
    await namespaces.connect();
  });
  after(async () => {
    await namespaces?.end();
    await platform?.dispose();
  });

  const databaseExists = async (slug: string) =>
    (await namespaces.query('select 1 from pg_database where datname = $1', [`clove_ns_${slug.replaceAll('-', '_')}`])).rowCount === 1;

  it('deploys the standard template as its own service and database, where a buyer buys a ticket', async () => {
    const images = await get(`${platform.gateway}/pool/images`, admin);
    assert.ok(images.body.some((i: any) => i.source.kind === 'builtin' && i.source.service === 'ticketing' && i.status === 'ready'), images.text);

    const slug = uniqueSlug('spring');
    const accepted = await deploy(platform.gateway, owner.accessToken, templates.standard!, { slug, holdSeconds: 300 });
    assert.equal(accepted.status, 'deploying');
    assert.equal(accepted.namespace, `perf-${slug}`);
    const view = await settled(platform.gateway, owner.accessToken, accepted.id);
    assert.equal(view.status, 'running', view.reason ?? '');
    assert.equal(view.access, 'owner');
    assert.deepEqual(view.values, { slug, holdSeconds: 300, maxSeatsPerBuyer: 4, saleOpensAt: '1970-01-01T00:00:00Z' }, 'defaults filled in: the sale opens at once');
    assert.deepEqual(view.components.map((c) => [c.name, c.revision, c.desiredReplicas, c.readyReplicas]), [['ticketing', 1, 1, 1]]);
    const done = view.revisions[0]!.progress.filter((p) => p.state === 'done').map((p) => p.step);
    assert.deepEqual(done, ['namespace', 'credential', 'database', 'apply', 'ready', 'route']);
    assert.ok(await databaseExists(slug));

    const base = `${platform.gateway}/e/${slug}`;
    await applyPerformance(platform, slug, owner.accessToken, SECTIONS, { saleOpensAt: undefined }); // the deployment's opening
    const event = await get(`${base}/event`);
    assert.equal(event.status, 200, event.text);
    assert.equal(event.body.saleOpensAt, null, 'the sale is open: no opening date to show');
    const bought = await buyOneSeat(base, buyer.accessToken);
    assert.ok(bought.orderId, JSON.stringify(bought.statuses));
    const orders = await get(`${base}/ticket/orders`, buyer.accessToken);
    assert.deepEqual(orders.body.map((o: { id: string }) => o.id), [bought.orderId]);
    await eventually(async () => (await get(`${platform.gateway}/catalog/events?q=${slug}`)).body.some((e: { slug: string }) => e.slug === slug), 20_000, 'the catalog to list it');

    const listed = await get(`${platform.gateway}/deploy/deployments`, owner.accessToken);
    assert.ok(listed.body.some((d: { id: string }) => d.id === view.id));
    assert.ok(!(await get(`${platform.gateway}/deploy/deployments`, colleague.accessToken)).body.some((d: { id: string }) => d.id === view.id));
    assert.ok((await get(`${platform.gateway}/deploy/deployments`, admin)).body.some((d: { id: string }) => d.id === view.id));
  });

  it('shares a deployment with members, per deployment, and takes it back (R12)', async () => {
    const slug = uniqueSlug('shared');
    const opensAt = new Date(Date.now() + 86_400_000).toISOString(); // the sale opens tomorrow
    const view = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug, saleOpensAt: opensAt });
    const base = `${platform.gateway}/e/${slug}`;
    const members = `${platform.gateway}/deploy/deployments/${view.id}/members`;

    expectProblem(await get(`${platform.gateway}/deploy/deployments/${view.id}`, colleague.accessToken), 403, 'NOT_YOUR_DEPLOYMENT');
    expectProblem(await get(`${base}/sales`, colleague.accessToken), 403, 'NOT_OWNER');

    const added = await post(members, { email: colleague.email }, owner.accessToken);
    assert.equal(added.status, 201, added.text);
    assert.deepEqual(added.body.map((m: { userId: string }) => m.userId), [colleague.userId]);
    expectProblem(await post(members, { email: colleague.email }, owner.accessToken), 409, 'ALREADY_MEMBER');
    expectProblem(await post(members, { email: 'nobody-here@example.com' }, owner.accessToken), 404, 'USER_NOT_FOUND');
    expectProblem(await post(members, { email: buyer.email }, owner.accessToken), 400, 'NOT_A_SELLER');

    assert.equal((await deployment(platform.gateway, colleague.accessToken, view.id)).access, 'member');
    await applyPerformance(platform, slug, colleague.accessToken, SECTIONS, { saleOpensAt: undefined });
    assert.equal((await get(`${base}/sales`, colleague.accessToken)).status, 200);
    assert.equal((await get(`${base}/event`)).body.saleOpensAt, opensAt, 'the deployment\u2019s opening, still ahead');
    expectProblem(await post(`${base}/buyticket/holds`, { seatIds: ['A-1-1'] }, buyer.accessToken), 403, 'SALE_NOT_OPEN');
    expectProblem(await post(members, { email: owner.email }, colleague.accessToken), 403, 'NOT_OWNER');

    const removed = await request('DELETE', members, { token: owner.accessToken, body: { email: colleague.email } });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body, []);
    expectProblem(await get(`${platform.gateway}/deploy/deployments/${view.id}`, colleague.accessToken), 403, 'NOT_YOUR_DEPLOYMENT');
    expectProblem(await get(`${base}/sales`, colleague.accessToken), 403, 'NOT_OWNER');
    expectProblem(await request('PUT', `${base}/modify`, { token: colleague.accessToken, body: { title: 'Taken over' } }), 403, 'NOT_OWNER');
  });

  it('bounds how many members one seller adds by email, so emails cannot be tested for accounts one after another', async () => {
    const prober = await signUpAndLogIn(platform.gateway, 'seller');
    const view = await deployRunning(platform.gateway, prober.accessToken, templates.standard!, { slug: uniqueSlug('probe') });
    const members = `${platform.gateway}/deploy/deployments/${view.id}/members`;
    for (let i = 0; i < MEMBER_ADDS_PER_HOUR; i += 1) {
      expectProblem(await post(members, { email: `guess-${i}@example.com` }, prober.accessToken), 404, 'USER_NOT_FOUND');
    }
    const limited = await post(members, { email: colleague.email }, prober.accessToken);
    expectProblem(limited, 429, 'TOO_MANY_MEMBER_LOOKUPS');
    assert.ok(Number(limited.headers.get('retry-after')) > 0, 'it says when to try again');
    assert.deepEqual((await deployment(platform.gateway, prober.accessToken, view.id)).members, [], 'nobody was added');
    // The limit is the seller's own: another owner still adds members.
    const other = await deployRunning(platform.gateway, colleague.accessToken, templates.standard!, { slug: uniqueSlug('probe') });
    const added = await post(`${platform.gateway}/deploy/deployments/${other.id}/members`, { email: prober.email }, colleague.accessToken);
    assert.equal(added.status, 201, added.text);
  });

  it('rolls out new values blue-green while buyers keep buying: no failed request, no lost order (R8)', async () => {
    const slug = uniqueSlug('switch');
    const view = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug, maxSeatsPerBuyer: 2 });
    const base = `${platform.gateway}/e/${slug}`;
    await applyPerformance(platform, slug, owner.accessToken, [{ name: 'A', grade: 'R', price: 30_000, rows: 40, seatsPerRow: 50 }]);
    const minter = await tokenMinter(platform);

    // Each purchase is a buyer of its own, so the per-buyer limit never stops the load.
    let phase: 'before' | 'switching' | 'after' | 'done' = 'before';
    const failures: string[] = [];
    const purchases: Array<{ token: string; orderId: string; phase: string }> = [];
    const shoppers = Array.from({ length: 4 }, async () => {
      while (phase !== 'done') {
        const token = await minter.token({ role: 'buyer' });
        try {
          const result = await buyOneSeat(base, token);
          for (const status of result.statuses) if (!ANSWERED.has(status)) failures.push(`HTTP ${status} (${phase})`);
          if (result.orderId) purchases.push({ token, orderId: result.orderId, phase });
        } catch (error) {
          failures.push(`${String(error)} (${phase})`);
        }
      }
    });
    const count = (p: string) => purchases.filter((x) => x.phase === p).length;
    await eventually(async () => count('before') >= 3 || failures.length > 0, 20_000, 'purchases before the switch');

    phase = 'switching';
    const update = await request('PUT', `${platform.gateway}/deploy/deployments/${view.id}`, { token: owner.accessToken, body: { values: { holdSeconds: 240 } } });
    assert.equal(update.status, 202, update.text);
    assert.equal(update.body.revision, 2);
    expectProblem(await request('PUT', `${platform.gateway}/deploy/deployments/${view.id}`, { token: owner.accessToken, body: { values: {} } }), 409, 'DEPLOYMENT_BUSY');
    const switched = await settled(platform.gateway, owner.accessToken, view.id);
    phase = 'after';
    await eventually(async () => count('after') >= 5 || failures.length > 0, 30_000, 'purchases on the new revision');
    phase = 'done';
    await Promise.all(shoppers);

    assert.deepEqual(failures, []);
    assert.ok(count('switching') >= 3, `only ${count('switching')} purchases during the switch`);
    assert.equal(switched.status, 'running', switched.reason ?? '');
    assert.equal(switched.currentRevision, 2);
    assert.deepEqual(switched.revisions.map((r) => [r.number, r.status]), [[2, 'active'], [1, 'retired']]);
    assert.equal(switched.values.holdSeconds, 240);
    // A value not sent stays as it was.
    assert.equal(switched.values.maxSeatsPerBuyer, 2);
    assert.equal((await get(`${base}/event`)).body.maxSeatsPerBuyer, 2);
    assert.deepEqual(switched.components.map((c) => c.workload), ['ticketing-r2']);
    for (const purchase of purchases) {
      const orders = await get(`${base}/ticket/orders`, purchase.token);
      assert.deepEqual(orders.body.map((o: { id: string; status: string }) => [o.id, o.status]), [[purchase.orderId, 'paid']], 'every paid order is kept');
    }
  });

  it('re-combines a deployment by redeploying it with another template (R22)', async () => {
    const slug = uniqueSlug('recombined');
    const view = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug });
    const update = await request('PUT', `${platform.gateway}/deploy/deployments/${view.id}`, {
      token: owner.accessToken, body: { templateId: templates['flash-sale'], values: { replicas: 2 } },
    });
    assert.equal(update.status, 202, update.text);
    const after = await settled(platform.gateway, owner.accessToken, view.id);
    assert.equal(after.status, 'running', after.reason ?? '');
    assert.deepEqual(after.components.map((c) => [c.workload, c.desiredReplicas, c.readyReplicas]), [['ticketing-r2', 2, 2]]);
    const listed = await get(`${platform.gateway}/deploy/deployments`, owner.accessToken);
    assert.equal(listed.body.find((d: { id: string }) => d.id === view.id).templateName, 'flash-sale');
    assert.equal((await get(`${platform.gateway}/e/${slug}/event`)).body.code, 'PERFORMANCE_NOT_FOUND', 'served by the new revision');
  });

  it('refuses what it cannot deploy, and what is not the caller\'s', async () => {
    const deployments = `${platform.gateway}/deploy/deployments`;
    const running = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug: uniqueSlug('taken') });

    expectProblem(await post(deployments, { templateId: '00000000-0000-4000-8000-000000000000', values: { slug: uniqueSlug('x') } }, owner.accessToken), 404, 'TEMPLATE_NOT_FOUND');
    const bad = await post(deployments, { templateId: templates.standard, values: { holdSeconds: 5, colour: 'red' } }, owner.accessToken);
    expectProblem(bad, 400, 'INVALID_VALUES');
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['/body/values/colour', '/body/values/holdSeconds', '/body/values/slug']);
    for (const slug of ['admin', 'kube-system', 'Upper', 'a'.repeat(59), 'ends-with-dash-']) {
      const refused = await post(deployments, { templateId: templates.standard, values: { slug } }, owner.accessToken);
      expectProblem(refused, 400, 'INVALID_VALUES');
      assert.equal(refused.body.errors[0].path, '/body/values/slug', slug);
    }
    // A day the calendar does not have is refused now, not by the service the deploy would start.
    const february30 = await post(deployments, { templateId: templates.standard, values: { slug: uniqueSlug('feb'), saleOpensAt: '2030-02-30T00:00:00Z' } }, owner.accessToken);
    expectProblem(february30, 400, 'INVALID_VALUES');
    assert.equal(february30.body.errors[0].path, '/body/values/saleOpensAt');
    expectProblem(await post(deployments, { templateId: templates.standard, values: { slug: running.slug } }, colleague.accessToken), 409, 'SLUG_TAKEN');
    expectProblem(await post(deployments, { templateId: templates.standard, values: { slug: { nested: 'x' } } }, owner.accessToken), 400, 'VALIDATION_FAILED');
    expectProblem(await post(deployments, { templateId: templates.standard, values: { slug: uniqueSlug('b') } }, buyer.accessToken), 403, 'WRONG_ROLE');
    expectProblem(await post(deployments, { templateId: templates.standard, values: { slug: uniqueSlug('a') } }, admin), 403, 'WRONG_ROLE');
    expectProblem(await post(deployments, { templateId: templates.standard, values: { slug: uniqueSlug('u') } }), 401, 'TOKEN_MISSING');

    const one = `${deployments}/${running.id}`;
    expectProblem(await request('PUT', one, { token: colleague.accessToken, body: { values: {} } }), 403, 'NOT_YOUR_DEPLOYMENT');
    expectProblem(await request('DELETE', one, { token: colleague.accessToken }), 403, 'NOT_YOUR_DEPLOYMENT');
    expectProblem(await get(one, buyer.accessToken), 403, 'WRONG_ROLE');
    expectProblem(await request('PUT', one, { token: owner.accessToken, body: { values: { slug: 'another-name' } } }), 400, 'SLUG_IMMUTABLE');
    expectProblem(await request('PUT', one, { token: owner.accessToken, body: { values: { maxSeatsPerBuyer: 99 } } }), 400, 'INVALID_VALUES');
    expectProblem(await get(`${deployments}/not-a-uuid`, owner.accessToken), 400, 'VALIDATION_FAILED');
    expectProblem(await get(`${deployments}/00000000-0000-4000-8000-000000000000`, owner.accessToken), 404, 'DEPLOYMENT_NOT_FOUND');
    expectProblem(await request('DELETE', `${one}?force=maybe`, { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
    expectProblem(await get(`${deployments}/${running.id}/access/${owner.userId}`), 401, 'TOKEN_MISSING');
    expectProblem(await request('GET', `${deployments}/${running.id}/access/${owner.userId}`, { headers: { authorization: 'Bearer not-the-credential-of-it' } }), 403, 'WRONG_CREDENTIAL');
  });

  it('deletes only with force while tickets are sold, and then leaves nothing behind (R10)', async () => {
    const slug = uniqueSlug('closing');
    const view = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug });
    const base = `${platform.gateway}/e/${slug}`;
    await applyPerformance(platform, slug, owner.accessToken, SECTIONS);
    assert.ok((await buyOneSeat(base, buyer.accessToken)).orderId);

    const one = `${platform.gateway}/deploy/deployments/${view.id}`;
    const refused = await request('DELETE', one, { token: owner.accessToken });
    expectProblem(refused, 409, 'TICKETS_SOLD');
    assert.equal(refused.body.liveTickets, 1);
    assert.equal((await get(`${base}/event`)).status, 200);

    const accepted = await request('DELETE', `${one}?force=true`, { token: owner.accessToken });
    assert.equal(accepted.status, 202, accepted.text);
    assert.equal(accepted.body.status, 'deleting');
    // Asked again while it is deleted (with force or without): the same delete goes on.
    const askedAgain = await Promise.all([request('DELETE', `${one}?force=true`, { token: owner.accessToken }), request('DELETE', one, { token: owner.accessToken })]);
    for (const answer of askedAgain) assert.ok(answer.status === 202 || answer.status === 404, `${answer.status} ${answer.text}`);
    await eventually(async () => (await get(one, owner.accessToken)).status === 404, 30_000, 'the deployment to be gone');
    expectProblem(await get(`${base}/event`), 404, 'ROUTE_NOT_FOUND');
    assert.equal(await databaseExists(slug), false);
    // The slug is free again.
    const again = await deployRunning(platform.gateway, owner.accessToken, templates.standard!, { slug });
    assert.notEqual(again.id, view.id);
  });

  it('fails a deploy whose replica never becomes ready, with the reason, and rolls it back', async () => {
    const images = await get(`${platform.gateway}/pool/images`, admin);
    const ticketing = images.body.find((i: any) => i.source.kind === 'builtin' && i.source.service === 'ticketing');
    const template = (name: string, env: Record<string, string>) => post(`${platform.gateway}/template/templates`, {
      name,
      description: 'A ticketing service that cannot start',
      parameters: { type: 'object', properties: { slug: { type: 'string', description: 'Slug', default: 'broken' } }, required: ['slug'], additionalProperties: false },
      components: [{ name: 'ticketing', imageId: ticketing.id, replicas: 1, routes: [{ path: '/' }], env: { SLUG: { fromParameter: 'slug' }, ...env } }],
    }, admin);
    // A database it cannot reach: the replica crashes in a loop until the deploy gives up.
    const crashing = await template(uniqueSlug('crashing'), { DATABASE_URL: 'postgres://nobody:wrong@127.0.0.1:1/nothing' });
    assert.equal(crashing.status, 201, crashing.text);
    // A value it refuses: it exits at once with a configuration error.
    const misconfigured = await template(uniqueSlug('misconfigured'), { HOLD_SECONDS: 'soon' });
    assert.equal(misconfigured.status, 201, misconfigured.text);

    // Crashing in a loop, the replica is waiting to restart or starting again when the time is up.
    const crashLoop = /Not ready within 15000 ms: ticketing-r1-0: (backoff|starting|running), [1-9]\d* restarts, last exit code 1/;
    const failed: Array<{ id: string; slug: string }> = [];
    for (const [templateId, why] of [[crashing.body.id, crashLoop], [misconfigured.body.id, /refused its configuration/]] as const) {
      const slug = uniqueSlug('broken');
      const accepted = await deploy(platform.gateway, owner.accessToken, templateId, { slug });
      const view = await settled(platform.gateway, owner.accessToken, accepted.id, ['deploying'], 30_000);
      assert.equal(view.status, 'failed');
      assert.match(view.reason ?? '', why);
      assert.match(view.reason ?? '', /^ready: /);
      assert.doesNotMatch(view.reason ?? '', /\.log\b|\/tmp\/|clove-/, 'the seller is not shown where files lie on the server');
      const progress = view.revisions[0]!.progress.map((p) => `${p.step}:${p.state}`);
      assert.deepEqual(progress.slice(-5), ['ready:failed', 'apply:undone', 'database:undone', 'credential:undone', 'namespace:undone']);
      assert.equal(await databaseExists(slug), false);
      expectProblem(await get(`${platform.gateway}/e/${slug}/event`), 404, 'ROUTE_NOT_FOUND');
      assert.deepEqual(view.components, []);
      failed.push({ id: view.id, slug });
    }

    // A failed deployment frees its slug: another seller deploys it and sells a ticket.
    const [first, second] = failed as [{ id: string; slug: string }, { id: string; slug: string }];
    const taken = await deployRunning(platform.gateway, colleague.accessToken, templates.standard!, { slug: first.slug });
    const base = `${platform.gateway}/e/${first.slug}`;
    await applyPerformance(platform, first.slug, colleague.accessToken, SECTIONS);
    assert.ok((await buyOneSeat(base, buyer.accessToken)).orderId);
    const components = (await get<Array<{ deploymentId: string; namespace: string }>>(`${platform.gateway}/deploy/runtime/components`, admin)).body;
    assert.deepEqual(components.filter((c) => c.namespace === `perf-${first.slug}`).map((c) => c.deploymentId), [taken.id], 'its namespace is listed once, as the new deployment\'s');

    // Deleting the failed one then tears down nothing: the namespace and database are the new one's.
    const failedOne = `${platform.gateway}/deploy/deployments/${first.id}`;
    const retired = await request('DELETE', failedOne, { token: owner.accessToken });
    assert.equal(retired.status, 202, retired.text);
    assert.equal(retired.body.status, 'deleted');
    expectProblem(await get(failedOne, owner.accessToken), 404, 'DEPLOYMENT_NOT_FOUND');
    assert.equal((await get(`${base}/event`)).status, 200);
    assert.equal((await get(`${base}/ticket/orders`, buyer.accessToken)).body.length, 1, 'the new deployment keeps its order');
    assert.ok(await databaseExists(first.slug));
    assert.equal((await get(`${platform.gateway}/deploy/deployments/${taken.id}`, colleague.accessToken)).body.status, 'running');

    // A failed one whose slug nobody took is deleted as any other, and asking again changes nothing.
    const secondOne = `${platform.gateway}/deploy/deployments/${second.id}`;
    const deleted = await Promise.all([0, 1, 2].map(() => request('DELETE', `${secondOne}?force=true`, { token: owner.accessToken })));
    assert.deepEqual(deleted.map((d) => d.status), [202, 202, 202], deleted.map((d) => d.text).join('\n'));
    await eventually(async () => (await get(secondOne, owner.accessToken)).status === 404, 30_000, 'the failed deployment to be gone');
    assert.equal((await request('DELETE', secondOne, { token: owner.accessToken })).status, 404);
  });
});

describe('deployer across a platform restart', () => {
  it('brings running deployments back and settles one caught mid-deploy', async () => {
    const first = await startPlatform();
    let second: RunningPlatform | undefined;
    try {
      const seller = await signUpAndLogIn(first.gateway, 'seller');
      const templates = await builtinTemplates(first.gateway, seller.accessToken);
      const kept = await deployRunning(first.gateway, seller.accessToken, templates.standard!, { slug: uniqueSlug('kept') });
      await applyPerformance(first, kept.slug, seller.accessToken, SECTIONS);
      // Scaled by the monitor (its service token): the deployer keeps the count across the restart.
      const monitorToken = (await first.secrets()).monitorServiceToken as string;
      const scaled = await request('PUT', `${first.gateway}/deploy/deployments/${kept.id}/components/ticketing/replicas`, { token: monitorToken, body: { replicas: 2 } });
      assert.equal(scaled.status, 200, scaled.text);
      const caught = await deploy(first.gateway, seller.accessToken, templates['flash-sale']!, { slug: uniqueSlug('caught'), replicas: 2 });
      assert.equal(await first.stop('SIGTERM'), 0);

      second = await startPlatform({ stateDir: first.stateDir, ports: first.ports });
      await eventually(async () => (await get(`${second!.gateway}/e/${kept.slug}/event`)).status === 200, 30_000, 'the kept performance to answer');
      const keptView = await deployment(second.gateway, seller.accessToken, kept.id);
      assert.equal(keptView.status, 'running');
      await eventually(async () => (await deployment(second!.gateway, seller.accessToken, kept.id)).components[0]!.readyReplicas === 2, 30_000, 'both replicas back');
      const caughtView = await settled(second.gateway, seller.accessToken, caught.id);
      assert.ok(['running', 'failed'].includes(caughtView.status), caughtView.status);
      if (caughtView.status === 'failed') {
        assert.match(caughtView.reason ?? '', /restart/);
        expectProblem(await get(`${second.gateway}/e/${caught.slug}/event`), 404, 'ROUTE_NOT_FOUND');
      } else {
        assert.equal((await get(`${second.gateway}/e/${caught.slug}/event`)).body.code, 'PERFORMANCE_NOT_FOUND');
      }
    } finally {
      // The second platform ran in the first one's state folder: the first's dispose deletes it.
      await second?.dispose();
      await first.dispose();
    }
  });

  describe('the launcher is ready once what the deployer brings back serves', () => {
    let first: RunningPlatform;
    let slug: string;
    /** Starts the platform again on the first one's state folder, runs the checks, and stops it. */
    const restarted = async (env: Record<string, string>, check: (platform: RunningPlatform) => Promise<void>) => {
      const platform = await startPlatform({ stateDir: first.stateDir, ports: first.ports, env });
      try {
        await check(platform);
      } finally {
        assert.equal(await platform.stop('SIGTERM'), 0);
      }
    };

    before(async () => {
      first = await startPlatform();
      const seller = await signUpAndLogIn(first.gateway, 'seller');
      const templates = await builtinTemplates(first.gateway, seller.accessToken);
      slug = (await deployRunning(first.gateway, seller.accessToken, templates.standard!, { slug: uniqueSlug('back') })).slug;
      await applyPerformance(first, slug, seller.accessToken, SECTIONS);
      assert.equal(await first.stop('SIGTERM'), 0);
    });
    after(() => first?.dispose());

    it('answers through the gateway as soon as the launcher says it is ready', async () => {
      await restarted({}, async (platform) => {
        const event = await get(`${platform.gateway}/e/${slug}/event`);
        assert.equal(event.status, 200, event.text);
        assert.doesNotMatch(platform.output(), /not serving/);
      });
    });

    it('names a performance that cannot come back, without waiting for it', async () => {
      // Every performance refuses this value: the deployer gives up on this one at once.
      await restarted({ TICKETING_SWEEP_INTERVAL_MS: 'often' }, async (platform) => {
        assert.match(platform.output(), new RegExp(`performance ${slug} \\(/e/${slug}/\\) could not be started again`));
        assert.match(platform.output(), /Clove is ready in \d+ ms \(1 deployed performance is not serving; see above\)/);
        assert.doesNotMatch(platform.output(), /not serving yet/, 'the launcher did not wait for its time limit');
        const logs = /its logs are in (\S+)/.exec(platform.output())![1]!;
        const logged = await Promise.all((await readdir(logs, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
        assert.match(logged.join(''), /TICKETING_SWEEP_INTERVAL_MS/, 'the refused value is named as the operator set it');
      });
    });

    it('names a performance still not serving when the time to become ready is up', async () => {
      // Every performance fails at start and is started again and again; the deployer would wait 120 s.
      await restarted({ TICKETING_NODE_OPTIONS: '--require=/nonexistent/clove.cjs', CLOVE_READY_TIMEOUT_MS: '15000' }, async (platform) => {
        assert.match(platform.output(), new RegExp(`performance ${slug} \\(/e/${slug}/\\) is not serving yet after 15000 ms`));
        assert.match(platform.output(), /Clove is ready in \d+ ms \(1 deployed performance is not serving; see above\)/);
      });
    });
  });
});
