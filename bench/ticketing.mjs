#!/usr/bin/env node
// The ticketing benchmark (R38): starts the embedded platform with one performance ("bench"),
// registers N seats, measures the raw rate of the hold's conditional UPDATE straight against
// PostgreSQL, then runs the buyer bots against the ticketing service directly (not through the
// gateway) with minted tokens and every invariant check, and prints one summary against the
// targets (hold throughput ≥ 40 % of the raw rate, p99 hold < 100 ms, ≥ 1,000 purchases/s,
// zero violations). Targets are reported as met or not met, never adjusted.
// Usage: npm run bench:ticketing [-- --seats 50000 --buyers 20000 --concurrency 200]
//        small: npm run bench:ticketing -- --seats 2000 --buyers 500 --concurrency 50
//        the hold path alone: npm run bench:ticketing -- --hold-only
//        where the CPU goes: npm run bench:ticketing -- --buyers 6000 --profile prof
//        steady state (compiled code): npm run bench:ticketing -- --warm-up 4000
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cpuBetween, machineBusySeconds, sampleCpu } from '../tools/bots/dist/bench.cpu.js';
import { measureReads } from '../tools/bots/dist/bench.reads.js';
import { openSeatStreams } from '../tools/bots/dist/bench.streams.js';
import { loggedErrors } from '../tools/bots/dist/bench.logs.js';
import { measureRawUpdates } from '../tools/bots/dist/bench.raw-updates.js';
import { routeHistograms, routeLatenciesBetween } from '../tools/bots/dist/bench.route-latency.js';
import { resetStatements, topStatements } from '../tools/bots/dist/bench.statements.js';
import { startLauncher } from './launcher.mjs';

const root = new URL('..', import.meta.url).pathname;

const TARGETS = { holdShareOfRaw: 0.4, holdP99Ms: 100, purchasesPerSecond: 1000, violations: 0 };
const SLUG = 'bench';
const HOT_SHARE = 0.7;

const OPTIONS = {
  seats: { type: 'string', default: '50000' },
  buyers: { type: 'string', default: '20000' },
  concurrency: { type: 'string', default: '200' },
  'raw-ops': { type: 'string', default: '20000' },
  'details-reads': { type: 'string', default: '20000' },
  'map-reads': { type: 'string', default: '400' },
  'section-reads': { type: 'string', default: '2000' },
  'map-streams': { type: 'string', default: '0' },
  'db-pool': { type: 'string', default: '40' },
  'duration-limit': { type: 'string', default: '600' },
  'warm-up': { type: 'string', default: '0' },
  profile: { type: 'string' },
  'hold-only': { type: 'boolean' },
  'streams-by-section': { type: 'boolean' },
  help: { type: 'boolean' },
};
let values;
try {
  ({ values } = parseArgs({ options: OPTIONS }));
} catch (error) {
  console.error(`${error.message}\nRun with --help to see the options.`);
  process.exit(2);
}
if (values.help) {
  console.log('Usage: npm run bench:ticketing [-- --seats 50000 --buyers 20000 --concurrency 200 --raw-ops 20000 --details-reads 20000 --map-reads 400 --section-reads 2000 --map-streams 0 [--streams-by-section] --db-pool 40 --duration-limit 600 --warm-up 0 --hold-only --profile DIR]');
  console.log('  --hold-only     every buyer holds, then releases or walks away: the hold path alone (no payments)');
  console.log('  --warm-up N     first N buyers of the same mix, not measured, so the measured run finds the services\' code');
  console.log('                  compiled (steady state); their seats stay sold. Default 0: the sale starts on cold services');
  console.log('  --details-reads N  GET /event requests after the sale (R28 as a crowd reads it), at the same concurrency');
  console.log('  --map-reads N      GET /seats requests after the sale: the whole seat map (R29), at the same concurrency');
  console.log('  --section-reads N  GET /seats/sections and GET /seats?section=S requests after the sale: a large venue\'s page, a section at a time');
  console.log('  --map-streams N    live seat maps (GET /seats/stream) kept open while the buyers run, as watchers of a sale do');
  console.log('  --streams-by-section  those maps each follow one section (GET /seats/stream?section=S), as a large venue\'s pages do');
  console.log('  --profile DIR   write a V8 CPU profile of every platform process to DIR (open in Chrome DevTools),');
  console.log('                  and count the statements inside database functions on their own (both slow the run)');
  process.exit(0);
}
const whole = (name, min, max) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};
const opts = {
  seats: whole('seats', 100, 100_000),
  buyers: whole('buyers', 1, 1_000_000),
  concurrency: whole('concurrency', 1, 2000),
  rawOps: whole('raw-ops', 1, 10_000_000),
  detailsReads: whole('details-reads', 0, 10_000_000),
  mapReads: whole('map-reads', 0, 1_000_000),
  sectionReads: whole('section-reads', 0, 10_000_000),
  mapStreams: whole('map-streams', 0, 20_000),
  dbPool: whole('db-pool', 1, 200),
  durationLimit: whole('duration-limit', 1, 86_400),
  warmUp: whole('warm-up', 0, 1_000_000),
};

/** The sections of the map, in map order. */
async function sections(target) {
  const response = await fetch(`${target}/seats/sections`);
  return (await response.json()).sections;
}
const sectionNames = async (target) => (await sections(target)).map((section) => section.name);

/** The name of the first section (map order) with a seat left. */
async function firstSectionWithSeats(target) {
  const all = await sections(target);
  return (all.find((section) => section.available > 0) ?? all[0])?.name ?? null;
}

/** Sections of 10 rows × 100 seats (the last one shorter), graded from the front. */
function seatMap(total) {
  const rows = Math.ceil(total / 100);
  const sectionCount = Math.ceil(rows / 10);
  const grades = [['VIP', 220_000], ['R', 170_000], ['S', 120_000], ['A', 80_000]];
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const [grade, price] = grades[Math.min(grades.length - 1, Math.floor((i / sectionCount) * grades.length))];
    return { name: `S${i + 1}`, grade, price, rows: Math.min(10, rows - i * 10), seatsPerRow: 100 };
  });
  return { sections, total: rows * 100, shape: `${sectionCount} sections × ≤10 rows × 100 seats` };
}

/** The preload that profiles each platform process, writing into `dir`. */
function profiler(dir) {
  const url = new URL('./cpu-profile.mjs', import.meta.url);
  url.searchParams.set('dir', resolve(dir));
  return url.href;
}

/** Starts the platform with one performance, "bench", whose database pool is the one asked for. */
const launchPlatform = (stateDir) => startLauncher(stateDir, {
  args: ['--slug', SLUG],
  env: {
    AUTH_LOGIN_MAX_PER_IP: '1000000',
    PERF_BENCH_DB_POOL_MAX: String(opts.dbPool),
    LOG_LEVEL: 'warn',
    ...(values.profile ? { NODE_OPTIONS: `--import=${profiler(values.profile)}` } : {}),
  },
});

async function json(method, url, body, token) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function registerPerformance(runtime, secrets, sections) {
  const gateway = runtime.gateway;
  const login = await json('POST', `${gateway}/auth/login`, {
    email: runtime.performances[SLUG].ownerEmail,
    password: secrets.performanceOwners[SLUG],
  });
  const day = 86_400_000;
  return json('POST', `${gateway}/e/${SLUG}/apply`, {
    title: 'Benchmark night',
    venue: 'Bench Hall',
    startsAt: new Date(Date.now() + 30 * day).toISOString(),
    endsAt: new Date(Date.now() + 30.1 * day).toISOString(),
    saleOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    seatMap: { sections },
  }, login.accessToken);
}

let bots;
async function runBots(runtime, jsonFile, buyers) {
  const perf = runtime.performances[SLUG];
  const args = [
    // Each buyer's requests outlive V8's default young generation (16 MB, a scavenge every
    // ~100 ms at 200 buyers in flight), so most of them were copied and promoted: a quarter of
    // the bots' CPU went to the collector. With 64 MB they die young: 21 % less CPU per purchase.
    '--max-semi-space-size=64',
    join(root, 'tools/bots/dist/main.js'),
    '--target', perf.internalUrl,
    '--buyers', String(buyers),
    '--concurrency', String(opts.concurrency),
    '--hot-share', String(HOT_SHARE),
    '--mint-tokens-from', runtime.databases.auth,
    '--database-url', perf.database,
    '--payments-database-url', runtime.databases.payments,
    '--duration-limit', String(opts.durationLimit),
    '--json', jsonFile,
    ...(values['hold-only'] ? ['--abandon-share', '1', '--decline-share', '0', '--refund-share', '0'] : []),
  ];
  bots = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
  // CPU is sampled when the buyers start and when they are done (not while tokens are
  // minted before, or the invariants checked after), as the bots announce on stderr.
  const cpu = { before: null, after: null };
  let sampling = Promise.resolve();
  createInterface({ input: bots.stderr }).on('line', (line) => {
    process.stderr.write(`${line}\n`);
    if (line.startsWith('[bots] buyers start')) sampling = sampling.then(async () => (cpu.before = await sampleMachine(platform.pid)));
    if (line.startsWith('[bots] buyers done')) sampling = sampling.then(async () => (cpu.after = await sampleMachine(platform.pid)));
  });
  const code = await new Promise((done) => bots.once('exit', done));
  await sampling;
  return { code, cpu };
}

async function sampleMachine(pid) {
  return { processes: await sampleCpu(pid), busy: await machineBusySeconds() };
}

const verdict = (met) => (met ? 'MET' : 'NOT MET');

/**
 * The parts of a run that stand in for the world outside the platform: the buyers' side and the
 * payment gateway. In production they run elsewhere; here they share the cores.
 */
const OUTSIDE_THE_PLATFORM = new Set(['bots', 'payments', 'postgres (clove_payments)']);

/**
 * CPU per purchase of the platform's own processes (everything but the bots and the payments
 * stand-in, "other processes" included), and the purchases per second that would allow on
 * these cores at full use: an upper bound computed from a measurement, not a measurement.
 */
function platformOnly(cpu, purchases, cores) {
  const seconds = Object.entries(cpu).filter(([part]) => !OUTSIDE_THE_PLATFORM.has(part)).reduce((sum, [, s]) => sum + s, 0);
  const ms = (seconds * 1000) / purchases;
  return `${ms.toFixed(2)} ms without the bots and the payments stand-in: at most ${Math.round((cores * 1000) / ms)} purchases/s on ${cores} cores if they ran elsewhere (computed, not measured)`;
}

const formatBytes = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);

/**
 * Milliseconds of CPU per completed purchase, in all and for the largest parts, and the most
 * purchases per second that CPU allows on these cores at full use (computed, not measured): a
 * run cannot reach the purchase target while that bound is under it.
 */
function perPurchaseMs(cpu, purchases, cores) {
  const ms = (seconds) => +((seconds * 1000) / purchases).toFixed(2);
  const total = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
  const parts = Object.entries(cpu).filter(([, seconds]) => ms(seconds) >= 0.1);
  const bound = Math.round((cores * purchases) / total);
  return `${ms(total)} ms in all (at most ${bound} purchases/s on ${cores} cores at full use): ${parts.map(([part, seconds]) => `${part} ${ms(seconds)}`).join(', ')}`;
}

function summarise(setup, raw, report, cpu, errors, statements, serverSide, reads) {
  const hold = report.steps.find((s) => s.step === 'hold');
  const holdShare = raw.opsPerSecond ? report.throughput.holdAttemptsPerSecond / raw.opsPerSecond : 0;
  const violations = report.invariants.reduce((sum, c) => sum + c.violations, 0);
  const results = {
    rawUpdatesPerSecond: raw.opsPerSecond,
    holdAttemptsPerSecond: report.throughput.holdAttemptsPerSecond,
    holdsPerSecond: report.throughput.holdsPerSecond,
    holdShareOfRaw: +holdShare.toFixed(3),
    holdP99Ms: hold?.latencyMs.p99 ?? null,
    purchasesPerSecond: report.throughput.purchasesPerSecond,
    violations,
    detailsReadsPerSecond: reads.details?.readsPerSecond ?? null,
    seatMapReadsPerSecond: reads.map?.readsPerSecond ?? null,
    sectionListReadsPerSecond: reads.sections?.readsPerSecond ?? null,
    sectionMapReadsPerSecond: reads.section?.readsPerSecond ?? null,
  };
  const met = {
    holdShareOfRaw: holdShare >= TARGETS.holdShareOfRaw,
    holdP99Ms: hold !== undefined && hold.latencyMs.p99 < TARGETS.holdP99Ms,
    purchasesPerSecond: report.throughput.purchasesPerSecond >= TARGETS.purchasesPerSecond,
    violations: violations === TARGETS.violations && report.invariants.length > 0,
  };
  const m = report.machine;
  const text = [
    '',
    `Ticketing benchmark — ${new Date().toISOString()}`,
    `  machine       ${m.cores} ${m.cores === 1 ? 'core' : 'cores'}, ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`,
    `  setup         ${setup.seats} seats (${setup.shape}), ${opts.buyers} buyers${values['hold-only'] ? ' holding only' : ''}${opts.warmUp > 0 ? ` after ${opts.warmUp} warm-up buyers` : ''}, concurrency ${opts.concurrency}, ticketing DB pool ${opts.dbPool}` +
      (setup.watched ? `, ${setup.watched.streams} seat maps open${values['streams-by-section'] ? ' by section' : ''} (${setup.watched.eventsPerStream} messages, ${setup.watched.megabytes} MB in all)` : ''),
    `  raw UPDATE    ${raw.opsPerSecond} ops/s (${raw.ops} ops, ${raw.clients} clients, ${raw.updated} took a seat, ${raw.seconds} s)`,
    `  holds         ${results.holdAttemptsPerSecond} attempts/s = ${(holdShare * 100).toFixed(1)} % of raw (target ≥ 40 %): ${verdict(met.holdShareOfRaw)}` +
      `  [${results.holdsPerSecond} successful holds/s]`,
    `  hold p99      ${results.holdP99Ms} ms at concurrency ${opts.concurrency} (target < 100 ms): ${verdict(met.holdP99Ms)}`,
    values['hold-only']
      ? '  purchases     none: a hold-only run (--hold-only) measures the hold path alone'
      : `  purchases     ${results.purchasesPerSecond} completed/s (target ≥ 1,000): ${verdict(met.purchasesPerSecond)}` +
        `  [${report.totals.purchases} in ${report.durationSeconds} s]`,
    `  invariants    ${violations} violations in ${report.invariants.length} checks (target 0): ${verdict(met.violations)}`,
    ...[['details', 'GET /event', reads.details], ['seat map', 'GET /seats', reads.map], ['sections', 'GET /seats/sections', reads.sections], ['a section', `GET /seats?section=${reads.sectionName}`, reads.section]].filter(([, , r]) => r).map(([name, route, r]) =>
      `  ${name.padEnd(13)} ${r.readsPerSecond} reads/s of ${route} (${formatBytes(r.bodyBytes)}), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms at concurrency ${opts.concurrency}` +
      ` (${Object.entries(r.statuses).map(([status, n]) => `${status}×${n}`).join(' ')})`),
    `  CPU (s)       ${Object.entries(cpu).map(([part, s]) => `${part} ${s}`).join(', ') || 'not measured'}` +
      ` — of ${+(report.durationSeconds * report.machine.cores).toFixed(1)} available`,
    ...(report.totals.purchases > 0 && Object.keys(cpu).length > 0
      ? [`  CPU/purchase  ${perPurchaseMs(cpu, report.totals.purchases, m.cores)}`, `                ${platformOnly(cpu, report.totals.purchases, m.cores)}`]
      : []),
    ...report.steps.map((s) => `  ${s.step.padEnd(13)} p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms (${s.count} requests)`),
    ...Object.entries(errors).map(([message, n]) => `  logged error  ${n}× ${message}`),
    ...(serverSide ? [
      `  inside ticketing (its own histogram; its event loop ran timers ${serverSide.eventLoopDelayMeanMs} ms late on average since its metrics were last read):`,
      ...serverSide.routes.slice(0, 8).map((r) => `    ${r.route.padEnd(40)} p50 ≤ ${r.p50AtMostMs ?? '>10000'} ms, p99 ≤ ${r.p99AtMostMs ?? '>10000'} ms (${r.requests} requests)`),
    ] : []),
    '  busiest statements (total ms, calls, mean ms, database):',
    ...statements.slice(0, 12).map((s) => `    ${String(s.totalMs).padStart(7)} ${String(s.calls).padStart(7)} ${s.meanMs.toFixed(3).padStart(8)}  ${s.database}: ${s.query.slice(0, 90)}`),
  ];
  return { results, met, text };
}

const stateDir = await mkdtemp(join(tmpdir(), 'clove-bench-'));
await chmod(stateDir, 0o755);
let platform;
let exitCode = 1;
let cleaning;
const cleanUp = () => (cleaning ??= (async () => {
  if (bots && bots.exitCode === null) bots.kill('SIGINT');
  await platform?.stop();
  await rm(stateDir, { recursive: true, force: true });
})());
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const began = Date.now();
  const map = seatMap(opts.seats);
  console.log(`[bench] starting the platform (state in ${stateDir})…`);
  if (values.profile) await mkdir(values.profile, { recursive: true });
  platform = await launchPlatform(stateDir);
  await platform.ready;
  const runtime = JSON.parse(await readFile(join(stateDir, 'runtime.json'), 'utf8'));
  const secrets = JSON.parse(await readFile(join(stateDir, 'secrets.json'), 'utf8'));
  const event = await registerPerformance(runtime, secrets, map.sections);
  console.log(`[bench] registered ${event.totalSeats} seats; measuring the raw UPDATE rate (${opts.rawOps} ops)…`);
  const raw = await measureRawUpdates({
    databaseUrl: runtime.performances[SLUG].database,
    concurrency: opts.concurrency,
    ops: opts.rawOps,
    hotShare: HOT_SHARE,
  });
  console.log(`[bench] raw UPDATE: ${raw.opsPerSecond} ops/s with ${raw.clients} clients`);
  const botsJson = join(stateDir, 'bots.json');
  const superuser = new URL(runtime.performances[SLUG].database);
  [superuser.username, superuser.password, superuser.pathname] = ['clove', encodeURIComponent(secrets.postgresPassword), '/postgres'];
  if (opts.warmUp > 0) {
    console.log(`[bench] warming up with ${opts.warmUp} buyers (not measured)…`);
    const warm = await runBots(runtime, join(stateDir, 'warm-up.json'), opts.warmUp);
    if (warm.code !== 0) throw new Error(`the warm-up buyers failed (code ${warm.code})`);
  }
  const histogramsBefore = opts.warmUp > 0 ? await routeHistograms(runtime.performances[SLUG].internalUrl) : null;
  await resetStatements(superuser.href, { nested: Boolean(values.profile) });
  const streamPaths = values['streams-by-section'] ? (await sectionNames(runtime.performances[SLUG].internalUrl)).map((name) => `/seats/stream?section=${name}`) : undefined;
  const watchers = opts.mapStreams > 0 ? await openSeatStreams(runtime.performances[SLUG].internalUrl, opts.mapStreams, streamPaths) : null;
  console.log(`[bench] running ${opts.buyers} buyers${watchers ? ` with ${opts.mapStreams} seat maps open${streamPaths ? ', each of one section' : ''}` : ''}…`);
  const { code: botsExit, cpu: sampled } = await runBots(runtime, botsJson, opts.buyers);
  const watched = await watchers?.close();
  if (!sampled.before || !sampled.after) throw new Error(`the bots exited (code ${botsExit}) without running their buyers to the end`);
  const [cpuBefore, busyBefore, cpuAfter, busyAfter] = [sampled.before.processes, sampled.before.busy, sampled.after.processes, sampled.after.busy];
  const report = JSON.parse(await readFile(botsJson, 'utf8'));
  const statements = await topStatements(superuser.href, 30);
  const serverSide = routeLatenciesBetween(histogramsBefore, await routeHistograms(runtime.performances[SLUG].internalUrl));
  const cpu = Object.fromEntries(
    Object.entries({ ...cpuBetween(cpuBefore, cpuAfter), bots: report.botsCpuSeconds }).sort((a, b) => b[1] - a[1]),
  );
  if (busyBefore !== null && busyAfter !== null) {
    // Whatever else ran on the machine meanwhile: the numbers suffer from it.
    const ours = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
    cpu['other processes'] = +Math.max(0, busyAfter - busyBefore - ours).toFixed(1);
  }
  // After the sale's statistics are taken, so these reads are not counted in them; the bots'
  // walked-away holds are still live, as they would be in the middle of a sale.
  const crowd = (path, reads) => (reads > 0
    ? measureReads({ target: runtime.performances[SLUG].internalUrl, path, concurrency: opts.concurrency, reads })
    : null);
  const details = await crowd('/event', opts.detailsReads);
  const seatMapReads = await crowd('/seats', opts.mapReads);
  const sectionList = await crowd('/seats/sections', opts.sectionReads);
  // A large venue's page shows the first section with seats left; the bots took the front ones.
  const sectionName = opts.sectionReads > 0 ? await firstSectionWithSeats(runtime.performances[SLUG].internalUrl) : null;
  const sectionMap = sectionName ? await crowd(`/seats?section=${sectionName}`, opts.sectionReads) : null;
  const errors = await loggedErrors(join(stateDir, 'logs'));
  const summary = summarise({ seats: event.totalSeats, shape: map.shape, watched }, raw, report, cpu, errors, statements, serverSide, { details, map: seatMapReads, sections: sectionList, section: sectionMap, sectionName });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await mkdir(join(root, 'bench-results'), { recursive: true });
  const file = join(root, 'bench-results', `ticketing-${stamp}.json`);
  await writeFile(file, `${JSON.stringify({
    benchmark: 'ticketing',
    options: { ...opts, holdOnly: Boolean(values['hold-only']) },
    machine: report.machine,
    targets: TARGETS,
    results: summary.results,
    met: summary.met,
    raw,
    cpuSecondsDuringBots: cpu,
    loggedErrors: errors,
    busiestStatements: statements,
    insideTicketing: serverSide,
    bots: report,
    totalSeconds: Math.round((Date.now() - began) / 1000),
  }, null, 2)}\n`);
  console.log([...summary.text, `  results       ${file}`].join('\n'));
  exitCode = botsExit === 0 ? 0 : 1;
} catch (error) {
  if (!cleaning) {
    console.error(`[bench] failed: ${error.stack ?? error}`);
    if (platform) console.error(platform.output().slice(-3000));
  }
} finally {
  await cleanUp();
}
process.exit(exitCode);
