#!/usr/bin/env node
// The web client's benchmark (R36): starts the platform, deploys a performance of 5,000 seats,
// and in headless Chromium (Debian's, through playwright-core) measures
//  1. the JavaScript and CSS transferred on first load of the shell (Home) and of the storefront
//     (a show page) — target: under 250 kB gzip together;
//  2. the time from navigation to an interactive seat map of 5,000 seats (the last seat's button
//     there and enabled) — target: under 1.5 s.
// Usage: npm run bench:web [-- --runs 5]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { machineInfo } from '../tools/bots/dist/machine.info.js';
import { jsonCall as call, startLauncher, waitFor } from './launcher.mjs';

const TARGETS = { firstLoadKb: 250, seatMapInteractiveMs: 1500 };
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const day = 86_400_000;



/** Bytes on the wire (compressed bodies) of the scripts and styles a page load fetched. */
function transferCounter(page) {
  const sizes = [];
  page.on('requestfinished', (request) => {
    if (!['script', 'stylesheet'].includes(request.resourceType())) return;
    sizes.push(request.sizes().then((s) => s.responseBodySize));
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

const stateDir = await mkdtemp(join(tmpdir(), 'clove-bench-web-'));
await chmod(stateDir, 0o755);
const platform = await startLauncher(stateDir, { env: { LOG_LEVEL: 'warn' } });
let browser;
let code = 0;
try {
  await platform.ready;
  const g = platform.gateway;
  await call('POST', `${g}/auth/signup`, { email: 'seller@bench.test', password: 'correct-horse-1', role: 'seller' });
  const seller = (await call('POST', `${g}/auth/login`, { email: 'seller@bench.test', password: 'correct-horse-1' })).accessToken;
  const standard = await waitFor(async () => (await call('GET', `${g}/template/templates`, undefined, seller)).find((t) => t.name === 'standard')?.id, 60_000, 'the standard template');
  const deployment = await call('POST', `${g}/deploy/deployments`, { templateId: standard, values: { slug: 'big-hall' } }, seller);
  await waitFor(async () => (await call('GET', `${g}/deploy/deployments/${deployment.id}`, undefined, seller)).status === 'running', 60_000, 'the deployment');
  const sections = ['A', 'B', 'C', 'D', 'E'].map((name, i) => ({ name, grade: ['VIP', 'R', 'S', 'A', 'A'][i], price: [150_000, 120_000, 90_000, 60_000, 60_000][i], rows: 10, seatsPerRow: 100 }));
  await call('POST', `${g}/e/big-hall/apply`, {
    title: 'Big Hall', venue: 'Bench Arena', startsAt: new Date(Date.now() + 30 * day).toISOString(),
    endsAt: new Date(Date.now() + 30 * day + 7_200_000).toISOString(), saleOpensAt: new Date(Date.now() - day).toISOString(), seatMap: { sections },
  }, seller);

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  // 1. First load: Home, then a show page, in a fresh context (nothing cached).
  const context = await browser.newContext();
  const page = await context.newPage();
  let transferred = transferCounter(page);
  await page.goto(`${g}/`, { waitUntil: 'networkidle' });
  const homeBytes = await transferred();
  transferred = transferCounter(page);
  // The seat stream stays open, so the network never idles on a show page: wait for the map.
  await page.goto(`${g}/shows/big-hall`, { waitUntil: 'load' });
  await page.waitForSelector('button[aria-label^="E-10-100 "]', { timeout: 60_000 });
  const showBytes = await transferred();
  await context.close();

  // 2. Seat map of 5,000 seats: navigation → the last seat's button present and enabled.
  const times = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await browser.newContext();
    const show = await fresh.newPage();
    await show.goto(`${g}/shows/big-hall`, { waitUntil: 'commit' });
    await show.waitForSelector('button[aria-label^="E-10-100 "]:not([disabled])', { timeout: 60_000 });
    times.push(await show.evaluate(() => performance.now()));
    await fresh.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const firstLoadKb = (homeBytes + showBytes) / 1000;
  const met = { firstLoad: firstLoadKb < TARGETS.firstLoadKb, seatMap: median < TARGETS.seatMapInteractiveMs };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  console.log([
    '',
    `Web client benchmark — ${new Date().toISOString()}`,
    `machine: ${JSON.stringify(machineInfo())}, Chromium ${browser.version()}`,
    `first load, scripts and styles on the wire: Home ${(homeBytes / 1000).toFixed(1)} kB + show page ${(showBytes / 1000).toFixed(1)} kB = ${firstLoadKb.toFixed(1)} kB (target < ${TARGETS.firstLoadKb} kB: ${verdict(met.firstLoad)})`,
    `5,000-seat map interactive after: median ${Math.round(median)} ms, min ${Math.round(times[0])} ms, max ${Math.round(times.at(-1))} ms over ${runs} fresh loads (target < ${TARGETS.seatMapInteractiveMs} ms: ${verdict(met.seatMap)})`,
  ].join('\n'));
  if (!Object.values(met).every(Boolean)) code = 1;
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  await browser?.close();
  await platform.stop();
  await rm(stateDir, { recursive: true, force: true });
}
process.exit(code);
