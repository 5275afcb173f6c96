/**
 * Business errors, typed by code. Services throw these; the HTTP layer maps codes to statuses
 * in exactly one place (problem.ts).
 */
export const ErrorCode = {
  INVALID: 'INVALID',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_ALLOWED: 'NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG: 'URI_TOO_LONG',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  BAD_GATEWAY: 'BAD_GATEWAY',
  UNAVAILABLE: 'UNAVAILABLE',
  GATEWAY_TIMEOUT: 'GATEWAY_TIMEOUT',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** JSON pointer into the request part, e.g. `/body/email`. */
  path: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Machine-readable detail code, e.g. `EMAIL_TAKEN`; defaults to the error code. */
  reason?: string;
  errors?: FieldError[];
  /** Extra members of the problem document (e.g. `seats`, `opensAt`). */
  extra?: Record<string, unknown>;
  /** Response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The server's own failures and its dependencies'; every other code is a refusal the client can act on. */
const SERVER_CODES: ReadonlySet<ErrorCode> = new Set([ErrorCode.BAD_GATEWAY, ErrorCode.UNAVAILABLE, ErrorCode.GATEWAY_TIMEOUT, ErrorCode.INTERNAL]);

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    // A refusal (a taken seat, a declined card) is an answer, not a fault: it is made without a
    // stack trace, whose capture costs more than all the rest of answering it.
    const stackTraceLimit = Error.stackTraceLimit;
    if (!SERVER_CODES.has(code)) Error.stackTraceLimit = 0;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'DomainError';
    this.code = code;
    this.reason = options.reason ?? code;
    this.errors = options.errors;
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export const invalid = (message: string, errors?: FieldError[], reason?: string) =>
  new DomainError(ErrorCode.INVALID, message, { errors, reason });
export const unauthenticated = (message: string, reason?: string) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message, { reason });
export const notAllowed = (message: string, reason?: string) =>
  new DomainError(ErrorCode.NOT_ALLOWED, message, { reason });
export const notFound = (message: string, reason?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, message, { reason });
export const conflict = (message: string, reason?: string, extra?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, { reason, extra });
