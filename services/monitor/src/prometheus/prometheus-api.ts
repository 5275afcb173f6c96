/**
 * A small client of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/)
 * that turns transport failures and Prometheus errors into DomainErrors.
 */
import { DomainError, ErrorCode } from '@clove/kit';

/** One series of a range query: its labels and [unix seconds, "value"] samples. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** One sample of an instant query. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export const DEFAULT_TIMEOUT_MS = 5000;

export class PrometheusApi {
  private readonly base: URL;

  constructor(readonly url: string, private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.base = new URL(url.endsWith('/') ? url : `${url}/`);
  }

  async queryRange(query: string, from: Date, to: Date, stepSeconds: number): Promise<MatrixSeries[]> {
    const data = await this.get('api/v1/query_range', {
      query,
      start: unixSeconds(from),
      end: unixSeconds(to),
      step: promDuration(stepSeconds),
    });
    return this.result<MatrixSeries>(data, 'matrix');
  }

  async query(query: string, time?: Date): Promise<VectorSample[]> {
    const params: Record<string, string> = { query };
    if (time !== undefined) params.time = unixSeconds(time);
    return this.result<VectorSample>(await this.get('api/v1/query', params), 'vector');
  }

  private async get(path: string, params: Record<string, string>): Promise<unknown> {
    const target = new URL(path, this.base);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    let status: number;
    let text: string;
    try {
      const response = await fetch(target, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw this.unavailable(error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const answer = isRecord(body) ? body : {};
    if (status < 200 || status > 299 || answer.status !== 'success') {
      const detail = typeof answer.error === 'string' ? answer.error : text.slice(0, 200) || 'empty answer';
      const kind = typeof answer.errorType === 'string' ? ` ${answer.errorType}` : '';
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        `Prometheus at ${this.url} answered HTTP ${status}${kind}: ${detail}`,
        { reason: 'PROMETHEUS_ERROR' },
      );
    }
    return answer.data;
  }

  private result<T>(data: unknown, resultType: 'matrix' | 'vector'): T[] {
    if (isRecord(data) && data.resultType === resultType && Array.isArray(data.result)) return data.result as T[];
    throw new DomainError(
      ErrorCode.UNAVAILABLE,
      `Prometheus at ${this.url} answered an unexpected document (expected a ${resultType})`,
      { reason: 'PROMETHEUS_ERROR' },
    );
  }

  private unavailable(error: unknown): DomainError {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut
      ? `Prometheus at ${this.url} did not answer within ${this.timeoutMs} ms`
      : `Prometheus at ${this.url} is unreachable (${describe(error)})`;
    return new DomainError(ErrorCode.UNAVAILABLE, message, { reason: 'PROMETHEUS_UNAVAILABLE', cause: error });
  }
}

/** A PromQL / API duration: whole seconds as `30s`, anything else in milliseconds (`1500ms`). */
export function promDuration(seconds: number): string {
  if (Number.isInteger(seconds)) return `${seconds}s`;
  return `${Math.max(1, Math.ceil(seconds * 1000))}ms`;
}

/** Escapes a value for a double-quoted PromQL string literal. */
export function promString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `"${escaped}"`;
}

function unixSeconds(date: Date): string {
  return String(date.getTime() / 1000);
}

function describe(error: unknown): string {
  // fetch reports "fetch failed" and keeps the socket error (ECONNREFUSED, ENOTFOUND…) as its cause.
  const cause = error instanceof Error ? error.cause : undefined;
  if (isRecord(cause) && typeof cause.code === 'string') return cause.code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
