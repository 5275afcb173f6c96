/**
 * The buyer bots (R38) against the real platform: 150 simulated buyers race for 300 seats
 * through the gateway, holding, paying, declining, abandoning and refunding at once, and
 * afterwards every invariant of the sale holds in the API, the ticketing database and the
 * payments database.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { get } from './support/http.js';
import { applyPerformance, ownerOf } from './support/performance.js';
import { REPO_ROOT, startPlatform, type RunningPlatform } from './support/platform.js';

const BOTS = join(REPO_ROOT, 'tools/bots/dist/main.js');

/** The shape of the bots' --json report that this test reads. */
interface BotsReport {
  passed: boolean;
  invariants: Array<{ group: string; name: string; passed: boolean; violations: number; samples: string[] }>;
  steps: Array<{ step: string; count: number; byStatus: Record<string, number>; latencyMs: { p99: number } }>;
  totals: { purchases: number; refunds: number; validTickets: number };
  anomalies: Record<string, { count: number }>;
}

function runBots(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BOTS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('buyer bots', () => {
  let platform: RunningPlatform;
  let dir: string;
  let target: string;

  before(async () => {
    platform = await startPlatform({ args: ['--slug', 'bots'] });
    const owner = await ownerOf(platform, 'bots');
    await applyPerformance(platform, 'bots', owner.accessToken, [
      { name: 'A', grade: 'VIP', price: 150_000, rows: 5, seatsPerRow: 20 },
      { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 20 },
    ]);
    target = `${platform.gateway}/e/bots`;
    dir = await mkdtemp(join(tmpdir(), 'clove-bots-'));
  });
  after(async () => {
    await platform?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('150 buyers at concurrency 30 collide, pay, decline, refund, and every invariant holds', async () => {
    const runtime = await platform.runtime();
    const file = join(dir, 'report.json');
    const { code, output } = await runBots([
      '--target', target,
      '--buyers', '150',
      '--concurrency', '30',
      '--mint-tokens-from', runtime.databases.auth!,
      '--database-url', runtime.performances.bots!.database,
      '--payments-database-url', runtime.databases.payments!,
      '--json', file,
      '--seed', '38',
    ]);
    assert.equal(code, 0, output);
    const report = JSON.parse(await readFile(file, 'utf8')) as BotsReport;

    assert.ok(report.passed, output);
    const failed = report.invariants.filter((c) => !c.passed);
    assert.deepEqual(failed, [], 'no invariant fails');
    assert.deepEqual([...new Set(report.invariants.map((c) => c.group))].sort(), ['api', 'database', 'journeys', 'payments']);

    const step = (name: string) => report.steps.find((s) => s.step === name)!;
    assert.ok((step('hold').byStatus['409'] ?? 0) >= 1, 'hot buyers collided on holds (409)');
    assert.ok((step('pay').byStatus['402'] ?? 0) >= 1, 'declining cards were answered 402');
    assert.equal(report.anomalies['decline-not-402'], undefined, 'no declining card got anything but 402');
    assert.ok(report.totals.purchases >= 1, 'purchases completed');
    assert.ok(report.totals.refunds >= 1, 'tickets were refunded');
    assert.equal(step('token').byStatus.minted, 150);

    // The seat map, read independently: the counts add up and the bots' tickets are the sold seats.
    const seats = (await get(`${target}/seats`)).body.seats as Array<{ state: string }>;
    const count = (state: string) => seats.filter((s) => s.state === state).length;
    assert.equal(count('sold') + count('held') + count('available'), 300);
    assert.equal(count('sold'), report.totals.validTickets, 'every sold seat is a ticket a bot holds');
  });

  it('refuses bad options with exit code 2 and a message', async () => {
    const { code, output } = await runBots(['--target', target, '--buyers', '0']);
    assert.equal(code, 2);
    assert.match(output, /--buyers must be a whole number/);
    const missing = await runBots([]);
    assert.equal(missing.code, 2);
    assert.match(missing.output, /--target is required/);
  });
});
