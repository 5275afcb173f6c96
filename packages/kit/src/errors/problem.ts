import { DomainError, ErrorCode, type FieldError } from './domain-error.js';

/** The only place where error codes meet HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_DECLINED: 402,
  NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_TIMEOUT: 408,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
};

const titles: Record<ErrorCode, string> = {
  INVALID: 'Bad Request',
  UNAUTHENTICATED: 'Unauthorized',
  PAYMENT_DECLINED: 'Payment Required',
  NOT_ALLOWED: 'Forbidden',
  NOT_FOUND: 'Not Found',
  CONFLICT: 'Conflict',
  REQUEST_TIMEOUT: 'Request Timeout',
  GONE: 'Gone',
  PAYLOAD_TOO_LARGE: 'Payload Too Large',
  URI_TOO_LONG: 'URI Too Long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type',
  RATE_LIMITED: 'Too Many Requests',
  HEADERS_TOO_LARGE: 'Request Header Fields Too Large',
  INTERNAL: 'Internal Server Error',
  BAD_GATEWAY: 'Bad Gateway',
  UNAVAILABLE: 'Service Unavailable',
  GATEWAY_TIMEOUT: 'Gateway Timeout',
};

const codeOfStatus = new Map<number, ErrorCode>(
  Object.entries(statusOf).map(([code, status]) => [status, code as ErrorCode]),
);

/** Maps a status that came from elsewhere (a library error) back to an error code. */
export function codeForStatus(status: number): ErrorCode {
  return codeOfStatus.get(status) ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/**
 * Another service's 4xx answer as this service's answer: same status, reason and field errors.
 * (Its 5xx are this service's dependency being unavailable, which callers decide.)
 */
export function refusalFrom(status: number, problem: Partial<Problem> | null, service: string): DomainError {
  return new DomainError(codeForStatus(status), problem?.detail ?? `The ${service} service answered ${status}.`, {
    reason: problem?.code ?? `${service.toUpperCase()}_REFUSED`,
    ...(Array.isArray(problem?.errors) ? { errors: problem.errors.map((e) => ({ path: e.path, message: e.message })) } : {}),
  });
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemOf(
  code: ErrorCode,
  detail: string,
  reason: string = code,
  more: Partial<Problem> = {},
): Problem {
  const status = statusOf[code];
  return {
    ...more,
    type: `https://clove.dev/problems/${reason.toLowerCase().replaceAll('_', '-')}`,
    title: titles[code],
    status,
    detail,
    code: reason,
  };
}
