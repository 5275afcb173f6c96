/** Reading the API server's answer out of a failed client call and turning it into a RuntimeError. */
import { ApiException } from '@kubernetes/client-node';
import { RuntimeError } from '../driver.js';

export interface ApiFailure {
  /** HTTP status, or null when the request never got an answer (network error, discovery failure). */
  status: number | null;
  /** The Status object's message, or the error's own message. */
  message: string;
  /** The Status object's reason (NotFound, Invalid, AlreadyExists…), when there is one. */
  reason: string | null;
}

function parseBody(body: unknown): Record<string, unknown> | null {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  if (typeof body !== 'string' || body.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The status code, message and reason of a failed call through @kubernetes/client-node. */
export function apiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiException) {
    const status = parseBody(error.body);
    const message = typeof status?.message === 'string' && status.message.length > 0 ? status.message : `HTTP ${error.code}`;
    return { status: error.code, message, reason: typeof status?.reason === 'string' ? status.reason : null };
  }
  return { status: null, message: error instanceof Error ? error.message : String(error), reason: null };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/** Wraps a failed call as RuntimeError; `what` names the operation, e.g. `apply Deployment ticketing-r1`. */
export function runtimeError(error: unknown, what: string, code: RuntimeError['code'] = 'REJECTED'): RuntimeError {
  if (error instanceof RuntimeError) return error;
  const failure = apiFailure(error);
  const status = failure.status === null ? '' : ` (HTTP ${failure.status})`;
  return new RuntimeError(`${what} failed${status}: ${failure.message}`, code);
}
