import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, ErrorCode } from '@clove/kit';

export interface FaultSettings {
  latencyMs: number;
  /** Share of requests, 0..1, that fail with 503. */
  failureRate: number;
}

/**
 * Injected latency and failures, so that callers can test their timeouts and retries.
 * A failure happens before a request does anything: it charged nothing and claimed no key.
 * Latency delays the answer after the work is done, like a slow network back to the caller:
 * a caller that gives up may have been charged, which is the case its reconciliation must handle.
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

  /** An onSend hook: holds the answer back by the latency. */
  readonly delayAnswer = async <T>(_request: unknown, _reply: unknown, payload: T): Promise<T> => {
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs);
    return payload;
  };

  /** An onRequest hook: fails with probability failureRate. */
  readonly maybeFail = async (): Promise<void> => {
    if (this.random() < this.settings.failureRate) {
      throw new DomainError(ErrorCode.UNAVAILABLE, 'The payment gateway is unavailable (injected fault); retry later.', {
        reason: 'PAYMENTS_UNAVAILABLE',
        headers: { 'retry-after': '1' },
      });
    }
  };
}
