export const STEPS = ['token', 'seats', 'hold', 'pay', 'replay', 'refund', 'release'] as const;
export type Step = (typeof STEPS)[number];

/** Statuses a step answers in a healthy run; anything else is counted as unexpected. */
const EXPECTED: Record<Step, ReadonlySet<string>> = {
  token: new Set(['200', '201', 'minted']),
  seats: new Set(['200']),
  hold: new Set(['201', '409']),
  pay: new Set(['201', '402']),
  replay: new Set(['201', '402']),
  refund: new Set(['200']),
  release: new Set(['204']),
};

export const OUTCOMES = ['purchased', 'purchased-then-refunded', 'declined-then-released', 'released', 'walked-away', 'no-seats', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Things a buyer saw that the API promises never happen. */
export const ANOMALIES = ['replay-differs', 'decline-not-402', 'pay-failed', 'refund-failed', 'release-failed'] as const;
export type Anomaly = (typeof ANOMALIES)[number];

const MAX_SAMPLES = 5;

/** Percentile by nearest rank of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Every request's step, status and latency, and every buyer's outcome. */
export class Recorder {
  private readonly latencies = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
  private readonly statuses = new Map<Step, Map<string, number>>(STEPS.map((s) => [s, new Map()]));
  private readonly outcomes = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
  private readonly anomalies = new Map<Anomaly, { count: number; samples: string[] }>(ANOMALIES.map((a) => [a, { count: 0, samples: [] }]));
  private readonly errorSamples: string[] = [];
  /** Requests sent over HTTP (minted tokens are not requests). */
  requests = 0;

  record(step: Step, status: number | 'minted', ms: number, error?: string): void {
    this.latencies.get(step)!.push(ms);
    const key = String(status);
    const byStatus = this.statuses.get(step)!;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    if (status !== 'minted') this.requests++;
    if (error && this.errorSamples.length < MAX_SAMPLES) this.errorSamples.push(`${step}: ${error}`);
  }

  /** An error that is not a request's (e.g. a buyer's code threw), kept as a sample. */
  note(error: string): void {
    if (this.errorSamples.length < MAX_SAMPLES) this.errorSamples.push(error);
  }

  outcome(outcome: Outcome): void {
    this.outcomes.set(outcome, this.outcomes.get(outcome)! + 1);
  }

  anomaly(kind: Anomaly, detail: string): void {
    const entry = this.anomalies.get(kind)!;
    entry.count++;
    if (entry.samples.length < MAX_SAMPLES) entry.samples.push(detail);
  }

  count(step: Step, status?: number): number {
    const byStatus = this.statuses.get(step)!;
    if (status !== undefined) return byStatus.get(String(status)) ?? 0;
    return [...byStatus.values()].reduce((a, b) => a + b, 0);
  }

  anomalyOf(kind: Anomaly): { count: number; samples: readonly string[] } {
    return this.anomalies.get(kind)!;
  }

  outcomeCount(outcome: Outcome): number {
    return this.outcomes.get(outcome)!;
  }

  summary() {
    const steps = STEPS.filter((step) => this.latencies.get(step)!.length > 0).map((step) => {
      const sorted = Float64Array.from(this.latencies.get(step)!).sort();
      const byStatus = Object.fromEntries([...this.statuses.get(step)!.entries()].sort());
      const unexpected = Object.entries(byStatus).filter(([status]) => !EXPECTED[step].has(status)).reduce((sum, [, n]) => sum + n, 0);
      const list = Array.from(sorted);
      return {
        step,
        count: list.length,
        byStatus,
        unexpected,
        latencyMs: {
          p50: round(percentile(list, 50)),
          p95: round(percentile(list, 95)),
          p99: round(percentile(list, 99)),
          max: round(list[list.length - 1] ?? 0),
        },
      };
    });
    return {
      steps,
      outcomes: Object.fromEntries(this.outcomes),
      anomalies: Object.fromEntries([...this.anomalies.entries()].filter(([, a]) => a.count > 0)),
      errorSamples: [...this.errorSamples],
    };
  }
}

export type StepSummary = ReturnType<Recorder['summary']>['steps'][number];
