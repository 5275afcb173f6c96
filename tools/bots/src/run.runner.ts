import { performance } from 'node:perf_hooks';
import type { BuyerContext } from './buyer.context.js';
import { SEAT_PAGE } from './buyer.holding.js';
import { runBuyer } from './buyer.journey.js';
import { planBuyers } from './buyer.plan.js';
import type { BotOptions } from './cli.options.js';
import { HttpClient } from './http.client.js';
import { checkApi, checkJourneys } from './invariants.api.js';
import { checkPayments } from './invariants.payments.js';
import { checkTicketingDatabase } from './invariants.tickets.js';
import { seededRandom } from './random.seeded.js';
import { buildReport, type Report } from './report.build.js';
import { SeatBoard } from './seats.board.js';
import { Recorder } from './stats.recorder.js';
import { TicketLedger } from './tickets.ledger.js';
import { tokenMinter } from './tokens.minter.js';
import { signUpBuyer } from './tokens.signup.js';

const PROGRESS_EVERY_MS = 5_000;

type EventView = { slug: string; totalSeats: number; maxSeatsPerBuyer: number };

async function readJson<T>(http: HttpClient, url: string): Promise<T> {
  const result = await http.send('GET', url);
  if (result.status !== 200) {
    throw new Error(`GET ${url} answered ${result.status || result.error}${result.body ? `: ${JSON.stringify(result.body).slice(0, 300)}` : ''}`);
  }
  return result.body as T;
}

/** Tokens signed before the clock starts, at most (about 30 MB); later buyers' are signed as they start. */
const PRE_MINTED_MAX = 50_000;

/**
 * Where each buyer's access token comes from. Minted tokens are signed before the clock starts
 * (up to PRE_MINTED_MAX): a buyer logs in before the sale, and signing thousands of ES256
 * tokens during the run would take CPU from the platform being measured. They stay valid for
 * the whole run. Each records the time its signing took.
 */
async function tokenSource(options: BotOptions, http: HttpClient, recorder: Recorder, count: number): Promise<() => Promise<string | null>> {
  if (!options.mintTokensFrom) return () => signUpBuyer(http, options.auth, recorder);
  const mint = await tokenMinter(options.mintTokensFrom, options.durationLimitSeconds + 600);
  const timedMint = async () => {
    const started = performance.now();
    const token = await mint();
    return { token, ms: performance.now() - started };
  };
  const minted: Array<{ token: string; ms: number }> = [];
  while (minted.length < Math.min(count, PRE_MINTED_MAX)) minted.push(await timedMint());
  let next = 0;
  return async () => {
    const entry = next < minted.length ? minted[next++]! : await timedMint();
    recorder.record('token', 'minted', entry.ms);
    return entry.token;
  };
}

/** Prints how far the run is, now and then, on stderr (stdout is for the report). */
function startProgress(log: (line: string) => void, recorder: Recorder, total: number, state: { started: number; finished: number }) {
  const began = performance.now();
  let lastRequests = 0;
  const timer = setInterval(() => {
    const rate = Math.round((recorder.requests - lastRequests) / (PROGRESS_EVERY_MS / 1000));
    lastRequests = recorder.requests;
    const elapsed = Math.round((performance.now() - began) / 1000);
    log(`[bots] ${elapsed} s: ${state.finished}/${total} buyers done, ${recorder.count('pay', 201)} purchases, ${rate} requests/s`);
  }, PROGRESS_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs the whole simulation against one performance, then checks the invariants. */
export async function runBots(options: BotOptions, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<Report> {
  const random = seededRandom(options.seed);
  const http = new HttpClient(options.concurrency + 4);
  const recorder = new Recorder();
  const ledger = new TicketLedger();
  try {
    const event = await readJson<EventView>(http, `${options.target}/event`);
    if (options.seatsMax > event.maxSeatsPerBuyer) {
      log(`[bots] --seats-max ${options.seatsMax} is over the performance's limit of ${event.maxSeatsPerBuyer}; using ${event.maxSeatsPerBuyer}`);
      options = { ...options, seatsMax: event.maxSeatsPerBuyer };
    }
    const plans = planBuyers(options, random);
    // The one full read of the map: random buyers draw from it instead of each reading it.
    const available = await readJson<{ seats: Array<{ id: string }> }>(http, `${options.target}/seats?state=available`);
    const ctx: BuyerContext = {
      http,
      target: options.target,
      recorder,
      board: new SeatBoard(available.seats.map((s) => s.id)),
      ledger,
      random,
      hotSpread: Math.max(SEAT_PAGE, options.concurrency * options.seatsMax),
      token: await tokenSource(options, http, recorder, plans.length),
    };

    const startedAt = new Date().toISOString();
    log(`[bots] buyers start: ${plans.length}, ${options.concurrency} at a time`);
    const began = performance.now();
    const cpuAtStart = process.cpuUsage();
    const deadline = began + options.durationLimitSeconds * 1000;
    const state = { started: 0, finished: 0 };
    const stopProgress = startProgress(log, recorder, plans.length, state);
    const worker = async () => {
      while (state.started < plans.length && performance.now() < deadline) {
        const plan = plans[state.started++]!;
        try {
          await runBuyer(ctx, plan);
        } catch (error) {
          recorder.outcome('failed');
          recorder.note(`buyer crashed: ${(error as Error).stack ?? String(error)}`);
        } finally {
          state.finished++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, plans.length) }, worker));
    stopProgress();
    const durationSeconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    log(`[bots] buyers done in ${durationSeconds.toFixed(1)} s; checking the invariants…`);

    const checking = performance.now();
    const checks = [...(await checkApi(http, options.target, event.totalSeats, ledger)), ...checkJourneys(recorder)];
    if (options.databaseUrl) checks.push(...(await checkTicketingDatabase(options.databaseUrl)));
    if (options.paymentsDatabaseUrl && options.databaseUrl) {
      checks.push(...(await checkPayments(options.databaseUrl, options.paymentsDatabaseUrl, event.slug)));
    }
    return buildReport(
      {
        options,
        performance: { slug: event.slug, totalSeats: event.totalSeats, maxSeatsPerBuyer: event.maxSeatsPerBuyer },
        startedAt,
        buyersStarted: state.started,
        durationSeconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        checkSeconds: (performance.now() - checking) / 1000,
        stoppedByDurationLimit: state.started < plans.length,
        validTickets: ledger.size,
      },
      recorder,
      checks,
    );
  } finally {
    await http.close();
  }
}
