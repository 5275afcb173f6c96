export interface EjectionOptions {
  /** How long an upstream is passed over after its first refusal; it doubles with each refusal in a row. */
  baseMs?: number;
  /** The longest it is passed over. */
  maxMs?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

interface Ejection {
  until: number;
  strikes: number;
}

/**
 * Upstreams that refused a connection lately (a replica that died before its supervisor took it
 * out of the route). Balancing passes over them until their time is up, then tries them again:
 * outlier ejection as service meshes do it. An answer, of any status, ends the ejection.
 */
export class UpstreamEjections {
  private readonly ejected = new Map<string, Ejection>();
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(options: EjectionOptions = {}) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  refused(upstream: string): void {
    const at = this.now();
    this.forgetStale(at);
    const strikes = (this.ejected.get(upstream)?.strikes ?? 0) + 1;
    const forMs = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(strikes - 1, 30));
    this.ejected.set(upstream, { until: at + forMs, strikes });
  }

  answered(upstream: string): void {
    if (this.ejected.size > 0) this.ejected.delete(upstream);
  }

  isEjected(upstream: string): boolean {
    const ejection = this.ejected.get(upstream);
    return ejection !== undefined && ejection.until > this.now();
  }

  /** Upstreams long past their ejection are forgotten, so addresses of removed routes do not pile up. */
  private forgetStale(at: number): void {
    for (const [upstream, ejection] of this.ejected) {
      if (ejection.until + this.maxMs < at) this.ejected.delete(upstream);
    }
  }
}
