import { ApiError, isProblem, networkProblem } from './problem';
import { REFUSED_TOKEN_CODES, TOKEN_REFUSED_EVENT } from './session';

// Calls from the browser to the gateway (same origin), with problem documents as ApiError.

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(method: string, path: string, accept: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (failure) {
    if (options.signal?.aborted) throw failure;
    throw new ApiError(networkProblem());
  }
  if (response.ok) return response;
  const payload: unknown = await response.json().catch(() => undefined);
  if (isProblem(payload)) {
    if (response.status === 401 && options.token && REFUSED_TOKEN_CODES.includes(payload.code)) window.dispatchEvent(new CustomEvent(TOKEN_REFUSED_EVENT, { detail: options.token }));
    throw new ApiError({ ...payload, code: payload.code ?? '' });
  }
  throw new ApiError({ title: response.statusText, status: response.status, detail: '', code: '' });
}

/** Calls the gateway (same origin) and returns the parsed JSON body, or undefined for 204. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, 'application/json, application/problem+json', options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Fetches a file that needs the bearer token (a QR image, a CSV export) as a Blob. */
export async function requestBlob(path: string, options: RequestOptions & { accept?: string } = {}): Promise<Blob> {
  const response = await send('GET', path, `${options.accept ?? 'image/png'}, application/problem+json`, options);
  return response.blob();
}

/** Fetches a text resource (a build log) that needs the bearer token. */
export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send('GET', path, 'text/plain, application/problem+json', options);
  return response.text();
}

