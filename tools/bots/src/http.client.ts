import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { requestText } from '@clove/kit';

export interface HttpResult {
  /** 0 when no answer came (connection refused, reset, timeout). */
  status: number;
  body: unknown;
  ms: number;
  /** Why no answer came, or the start of a 5xx answer. */
  error?: string;
}

export interface SendOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * JSON over keep-alive connections: one undici Agent whose per-origin pool has as many
 * connections as buyers in flight, so no request waits for a connection or opens a new one.
 * Requests go through the kit's requestText (undici's dispatch API): the bots spend their CPU
 * on the buyers' work, and leave more of the machine to the platform they measure.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(connections: number, timeoutMs = 30_000) {
    this.agent = new Agent({
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: 5_000,
    });
  }

  async send(method: 'GET' | 'POST' | 'DELETE', url: string, options: SendOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const started = performance.now();
    try {
      const { status, text } = await requestText(this.agent, url, { method, headers, body: payload });
      const ms = performance.now() - started;
      return { status, body: parseJson(text), ms, ...(status >= 500 ? { error: `${status} ${text.slice(0, 300)}` } : {}) };
    } catch (error) {
      return { status: 0, body: undefined, ms: performance.now() - started, error: describe(error) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message ?? ''}` : String(e.message ?? error);
}
