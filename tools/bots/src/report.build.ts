import type { BotOptions } from './cli.options.js';
import type { Check } from './invariants.check.js';
import { machineInfo } from './machine.info.js';
import type { Recorder } from './stats.recorder.js';

export interface RunFacts {
  options: BotOptions;
  performance: { slug: string; totalSeats: number; maxSeatsPerBuyer: number };
  startedAt: string;
  buyersStarted: number;
  /** From the first buyer's start to the last buyer's end. */
  durationSeconds: number;
  /** CPU the bots used over that time (user + system). */
  cpuSeconds: number;
  checkSeconds: number;
  stoppedByDurationLimit: boolean;
  /** Tickets the bots bought and did not refund: the seats they should see sold. */
  validTickets: number;
}

/** A password in a database URL must not end up in a report file. */
function redact(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '***';
  }
}

const perSecond = (n: number, seconds: number) => (seconds > 0 ? Math.round((n / seconds) * 10) / 10 : 0);

export function buildReport(facts: RunFacts, recorder: Recorder, checks: Check[]) {
  const { options, durationSeconds: seconds } = facts;
  const summary = recorder.summary();
  const totals = {
    requests: recorder.requests,
    purchases: recorder.count('pay', 201),
    holds: recorder.count('hold', 201),
    holdAttempts: recorder.count('hold'),
    collisions: recorder.count('hold', 409),
    declines: recorder.count('pay', 402),
    refunds: recorder.count('refund', 200),
    releases: recorder.count('release', 204),
    replays: recorder.count('replay'),
    validTickets: facts.validTickets,
  };
  return {
    tool: 'clove-bots',
    startedAt: facts.startedAt,
    machine: machineInfo(),
    options: {
      ...options,
      mintTokensFrom: redact(options.mintTokensFrom),
      databaseUrl: redact(options.databaseUrl),
      paymentsDatabaseUrl: redact(options.paymentsDatabaseUrl),
    },
    performance: facts.performance,
    buyers: { planned: options.buyers, started: facts.buyersStarted, stoppedByDurationLimit: facts.stoppedByDurationLimit },
    durationSeconds: Math.round(seconds * 100) / 100,
    /** CPU the bots themselves used while buyers ran (they share the machine with what they measure). */
    botsCpuSeconds: Math.round(facts.cpuSeconds * 100) / 100,
    checkSeconds: Math.round(facts.checkSeconds * 100) / 100,
    throughput: {
      purchasesPerSecond: perSecond(totals.purchases, seconds),
      holdsPerSecond: perSecond(totals.holds, seconds),
      holdAttemptsPerSecond: perSecond(totals.holdAttempts, seconds),
      requestsPerSecond: perSecond(totals.requests, seconds),
    },
    totals,
    steps: summary.steps,
    outcomes: summary.outcomes,
    anomalies: summary.anomalies,
    errorSamples: summary.errorSamples,
    invariants: checks,
    passed: checks.every((c) => c.passed),
  };
}

export type Report = ReturnType<typeof buildReport>;
