#!/usr/bin/env node
// The deployer benchmark (R7, R8): starts the embedded platform and, through the gateway,
//  1. deploys the `standard` template N times and measures the time from the deploy request to
//     the first request the new performance answers (target < 3 s), and to the first seat a
//     buyer holds there (with the seller registering the performance as soon as it answers);
//  2. rolls out new values blue-green M times while buyers keep buying and measures the switch
//     (request → traffic on green, request → old revision removed) and every failed buyer
//     request during it (target 0).
// Targets are reported as met or not met, never adjusted.
// Usage: npm run bench:deploy [-- --deploys 5 --switches 3 --buyers 8]
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from '../tools/bots/dist/machine.info.js';
import { tokenMinter } from '../tools/bots/dist/tokens.minter.js';
import { startLauncher, waitFor } from './launcher.mjs';

const root = new URL('..', import.meta.url).pathname;
const TARGETS = { deployToFirstAnswerMs: 3000, failedRequestsDuringSwitch: 0 };
const ADMIN = { email: 'admin@bench.clove.test', password: 'bench-admin-password' };
const SELLER = { email: 'seller@bench.clove.test', password: 'bench-seller-password', role: 'seller' };

const { values } = parseArgs({
  options: {
    deploys: { type: 'string', default: '5' },
    switches: { type: 'string', default: '3' },
    buyers: { type: 'string', default: '8' },
  },
});
const deploys = Number(values.deploys);
const switches = Number(values.switches);
const buyerLoops = Number(values.buyers);
for (const [name, n] of Object.entries({ deploys, switches, buyers: buyerLoops })) {
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    console.error(`--${name} must be a whole number from 1 to 100`);
    process.exit(2);
  }
}

async function call(method, url, body, token) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: response.status, json, text };
}

async function must(method, url, body, token, status) {
  const result = await call(method, url, body, token);
  if (result.status !== status) throw new Error(`${method} ${url} answered ${result.status}: ${result.text.slice(0, 300)}`);
  return result.json;
}

const now = () => performance.now();
const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: Math.round(sorted[0]), median: Math.round(at(0.5)), max: Math.round(sorted.at(-1)), runs: sorted.length };
};

const day = 86_400_000;
const performanceBody = (slug, seatsPerRow) => ({
  title: `Benchmark ${slug}`,
  venue: 'Bench Hall',
  startsAt: new Date(Date.now() + 30 * day).toISOString(),
  endsAt: new Date(Date.now() + 30.1 * day).toISOString(),
  saleOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
  seatMap: { sections: [{ name: 'A', grade: 'R', price: 50_000, rows: 40, seatsPerRow }] },
});

/** Deploy → first answer of the performance (any answer of its own, not the gateway's 404) → first seat held. */
async function measureDeploy(gateway, seller, templateId, buyerToken, n) {
  const slug = `bench-${n}-${Math.random().toString(36).slice(2, 6)}`;
  const started = now();
  const accepted = await must('POST', `${gateway}/deploy/deployments`, { templateId, values: { slug } }, seller, 202);
  await waitFor(async () => {
    const answer = await call('GET', `${gateway}/e/${slug}/event`);
    return answer.json?.code !== 'ROUTE_NOT_FOUND' && answer.status < 500;
  }, 60_000, `${slug} to answer`);
  const firstAnswerMs = now() - started;
  await must('POST', `${gateway}/e/${slug}/apply`, performanceBody(slug, 25), seller, 201);
  const seats = await must('GET', `${gateway}/e/${slug}/seats`, undefined, undefined, 200);
  await must('POST', `${gateway}/e/${slug}/buyticket/holds`, { seatIds: [seats.seats[0].id] }, buyerToken, 201);
  const firstHoldMs = now() - started;
  const status = await waitFor(async () => {
    const view = await call('GET', `${gateway}/deploy/deployments/${accepted.id}`, undefined, seller);
    return view.json?.status === 'running' && view.json;
  }, 60_000, `${slug} to be running`);
  return { slug, id: accepted.id, firstAnswerMs, firstHoldMs, status: status.status };
}

/** Buyers (each purchase a new buyer) buying seats in a loop until stopped; every unexpected answer is counted. */
function startBuyers(gateway, slug, mint) {
  let running = true;
  const counts = { requests: 0, failed: 0, purchases: 0, failures: [] };
  const loop = async () => {
    while (running) {
      const token = await mint();
      try {
        const seats = await call('GET', `${gateway}/e/${slug}/seats`);
        counts.requests += 1;
        if (seats.status !== 200) throw new Error(`seats ${seats.status}`);
        const free = seats.json.seats.filter((s) => s.state === 'available');
        if (free.length === 0) break;
        const seat = free[Math.floor(Math.random() * free.length)];
        const hold = await call('POST', `${gateway}/e/${slug}/buyticket/holds`, { seatIds: [seat.id] }, token);
        counts.requests += 1;
        if (hold.status === 409) continue;
        if (hold.status !== 201) throw new Error(`hold ${hold.status}`);
        const order = await fetch(`${gateway}/e/${slug}/buyticket/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({ holdId: hold.json.holdId, card: { number: '4242424242424242', expiry: '12/39', cvc: '123' } }),
        });
        counts.requests += 1;
        await order.text();
        if (order.status !== 201) throw new Error(`order ${order.status}`);
        counts.purchases += 1;
      } catch (error) {
        counts.failed += 1;
        if (counts.failures.length < 20) counts.failures.push(String(error.message ?? error));
      }
    }
  };
  const loops = Array.from({ length: buyerLoops }, loop);
  return { counts, stop: async () => { running = false; await Promise.all(loops); } };
}

async function measureSwitch(gateway, seller, deployment, mint, n) {
  const buyers = startBuyers(gateway, deployment.slug, mint);
  await waitFor(async () => buyers.counts.purchases >= 5, 30_000, 'purchases before the switch');
  const before = { ...buyers.counts };
  const started = now();
  const startedAt = Date.now();
  const accepted = await must('PUT', `${gateway}/deploy/deployments/${deployment.id}`, { values: { holdSeconds: 300 + n } }, seller, 202);
  const view = await waitFor(async () => {
    const got = await call('GET', `${gateway}/deploy/deployments/${deployment.id}`, undefined, seller);
    return got.json?.status === 'running' && got.json;
  }, 120_000, 'the switch');
  const doneMs = now() - started;
  const revision = view.revisions.find((r) => r.number === accepted.revision);
  const switchedAt = Date.parse(revision.progress.find((p) => p.step === 'switch' && p.state === 'done').at);
  const purchasesAfter = buyers.counts.purchases;
  await waitFor(async () => buyers.counts.purchases >= purchasesAfter + 5, 30_000, 'purchases after the switch');
  await buyers.stop();
  return {
    revision: accepted.revision,
    status: revision.status,
    trafficOnGreenMs: switchedAt - startedAt,
    oldRevisionRemovedMs: Math.round(doneMs),
    requestsDuringSwitch: buyers.counts.requests - before.requests,
    purchasesDuringSwitch: buyers.counts.purchases - before.purchases,
    failedRequests: buyers.counts.failed,
    failures: buyers.counts.failures,
  };
}

const stateDir = await mkdtemp(join(tmpdir(), 'clove-bench-deploy-'));
await chmod(stateDir, 0o755);
const platform = await startLauncher(stateDir, {
  env: { CLOVE_ADMIN_EMAIL: ADMIN.email, CLOVE_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' },
});
let code = 0;
try {
  await platform.ready;
  const gateway = platform.gateway;
  const admin = (await must('POST', `${gateway}/auth/login`, ADMIN, undefined, 200)).accessToken;
  const templates = await must('POST', `${gateway}/template/templates/builtin`, undefined, admin, 200);
  const standard = templates.find((t) => t.name === 'standard').id;
  await must('POST', `${gateway}/auth/signup`, SELLER, undefined, 201);
  const seller = (await must('POST', `${gateway}/auth/login`, { email: SELLER.email, password: SELLER.password }, undefined, 200)).accessToken;
  const runtime = JSON.parse(await readFile(join(stateDir, 'runtime.json'), 'utf8'));
  const mint = await tokenMinter(runtime.databases.auth, 1800);

  const deployRuns = [];
  for (let n = 1; n <= deploys; n++) deployRuns.push(await measureDeploy(gateway, seller, standard, await mint(), n));

  const target = deployRuns[0];
  const switchRuns = [];
  for (let n = 1; n <= switches; n++) switchRuns.push(await measureSwitch(gateway, seller, target, mint, n));

  const firstAnswer = stats(deployRuns.map((r) => r.firstAnswerMs));
  const failed = switchRuns.reduce((sum, r) => sum + r.failedRequests, 0);
  const met = {
    deployToFirstAnswerMs: firstAnswer.max < TARGETS.deployToFirstAnswerMs,
    failedRequestsDuringSwitch: failed === TARGETS.failedRequestsDuringSwitch,
  };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  const machine = machineInfo();
  console.log([
    '',
    `Deployer benchmark — ${new Date().toISOString()}`,
    `machine: ${JSON.stringify(machine)}`,
    `deploy → first answer of the performance: median ${firstAnswer.median} ms, max ${firstAnswer.max} ms over ${firstAnswer.runs} deploys (target < ${TARGETS.deployToFirstAnswerMs} ms: ${verdict(met.deployToFirstAnswerMs)})`,
    `deploy → first seat held (seller registers at once): median ${stats(deployRuns.map((r) => r.firstHoldMs)).median} ms`,
    ...switchRuns.map((r) => `switch to revision ${r.revision}: traffic on green after ${r.trafficOnGreenMs} ms, old revision removed after ${r.oldRevisionRemovedMs} ms; ${r.requestsDuringSwitch} buyer requests and ${r.purchasesDuringSwitch} purchases during it, ${r.failedRequests} failed${r.failures.length ? ` (${r.failures.join('; ')})` : ''}`),
    `failed requests during switches: ${failed} (target ${TARGETS.failedRequestsDuringSwitch}: ${verdict(met.failedRequestsDuringSwitch)})`,
  ].join('\n'));
  await mkdir(join(root, 'bench-results'), { recursive: true });
  const file = join(root, 'bench-results', `deploy-${new Date().toISOString().replaceAll(':', '-').replace('.', '-')}.json`);
  await writeFile(file, `${JSON.stringify({ machine, targets: TARGETS, met, deploys: deployRuns, switches: switchRuns }, null, 2)}\n`);
  console.log(`results: ${file}`);
  if (!Object.values(met).every(Boolean)) code = 1;
} catch (error) {
  console.error(error);
  console.error(platform.output().slice(-3000));
  code = 1;
} finally {
  await platform.stop();
  await rm(stateDir, { recursive: true, force: true });
}
process.exit(code);
