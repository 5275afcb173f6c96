import { ApiError, isProblem, networkProblem } from './problem';

interface RequestOptions {
  body?: unknown;
  token?: string;
}

/** Calls the gateway (same origin) and returns the parsed JSON body, or undefined for 204. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(networkProblem());
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  if (isProblem(payload)) throw new ApiError({ ...payload, code: payload.code ?? '' });
  throw new ApiError({ title: response.statusText, status: response.status, detail: '', code: '' });
}
