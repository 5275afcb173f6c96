import assert from 'node:assert/strict';
/** A small JSON client for tests that talk HTTP like any user would. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function request<T = any>(
  method: string,
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export const post = <T = any>(url: string, body?: unknown, token?: string) => request<T>('POST', url, { body, token });
export const get = <T = any>(url: string, token?: string) => request<T>('GET', url, { token });

/** Polls until check returns a value, or fails with the last error after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Asserts a problem document with the status, code and request id. */
export function expectProblem(result: HttpResult, status: number, code: string) {
  assert.equal(result.status, status, result.text);
  assert.equal(result.body.code, code, result.text);
  assert.match(result.headers.get('content-type') ?? '', /problem\+json/);
  // Every problem names its request, as its logs do, so a user can quote it.
  assert.match(result.body.requestId ?? '', /\S/, `a request id in ${result.text}`);
}
