import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, ErrorCode } from '@clove/kit';

export interface FaultSettings {
  latencyMs: number;
  /** Share of requests, 0..1, that fail with 503. */
  failureRate: number;
}

/**
 * Injected latency and failures, so that callers can test their timeouts and retries. Applied
 * before a request does anything: a failed request charged nothing and claimed no key.
 */
export class Faults {
  private settings: FaultSettings;

  constructor(initial: FaultSettings, private readonly random: () => number = Math.random) {
    this.settings = { ...initial };
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  update(changes: Partial<FaultSettings>): FaultSettings {
    this.settings = {
      latencyMs: changes.latencyMs ?? this.settings.latencyMs,
      failureRate: changes.failureRate ?? this.settings.failureRate,
    };
    return this.current();
  }

  /** An onRequest hook: waits the latency, then fails with probability failureRate. */
  readonly apply = async (): Promise<void> => {
    const { latencyMs, failureRate } = this.settings;
    if (latencyMs > 0) await sleep(latencyMs);
    if (this.random() < failureRate) {
      throw new DomainError(ErrorCode.UNAVAILABLE, 'The payment gateway is unavailable (injected fault); retry later.', {
        reason: 'PAYMENTS_UNAVAILABLE',
        headers: { 'retry-after': '1' },
      });
    }
  };
}
