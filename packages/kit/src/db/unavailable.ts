import { DomainError, ErrorCode } from '../errors/domain-error.js';

/** What pg and pg-pool say when no connection can be had; they give these errors no code. */
const NO_CONNECTION_MESSAGES = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
]);
/**
 * A refused connection: the services' other clients (payments, key sets) answer for their own
 * failures before they get here, so one that arrives is the database's. A reset could be any peer.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED']);
/** SQLSTATEs of a server that is shutting down, starting or full (57P01–57P03, 53300), and of lost connections (08…). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error means the database cannot take the request right now (every pooled
 * connection busy past the wait, or the server unreachable, restarting or full), as opposed
 * to a fault of the request or the code: the client may try again shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  return NO_CONNECTION_MESSAGES.has(error.message);
}

/** The 503 a request gets when the database cannot take it right now. */
export function databaseUnavailable(cause: unknown): DomainError {
  return new DomainError(ErrorCode.UNAVAILABLE, 'The database cannot take this request right now; try again shortly.', {
    reason: 'DATABASE_UNAVAILABLE',
    headers: { 'retry-after': '1' },
    cause,
  });
}
