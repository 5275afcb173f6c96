import { ApiError } from '@clove/web-kit/problem';

/** Field messages keyed by the JSON pointer of the request body, e.g. `/source/reference`. */
export type FieldErrors = Record<string, string>;

/**
 * The problem's field errors on the request body (`/body/...`), keyed without `/body`; a problem
 * code that concerns one field (e.g. a name taken) puts the detail on that field.
 */
export function fieldErrorsOf(failure: unknown, codeFields: Readonly<Record<string, string>> = {}): FieldErrors {
  if (!(failure instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  const codeField = codeFields[failure.problem.code];
  if (codeField && failure.problem.detail) errors[codeField] = failure.problem.detail;
  for (const { path, message } of failure.problem.errors ?? []) {
    if (!path.startsWith('/body/')) continue;
    const key = path.slice('/body'.length);
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}

/** The messages at `pointer` and below it, joined; undefined when there are none. */
export function errorsUnder(errors: FieldErrors, pointer: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === pointer || key.startsWith(`${pointer}/`))
    .map(([key, message]) => (key === pointer ? message : `${key.slice(pointer.length + 1)}: ${message}`));
  return found.length > 0 ? found.join(' ') : undefined;
}

/** 401, or a 403 because of who is calling (not because of what was asked). */
export function isAccessFailure(failure: unknown): boolean {
  if (!(failure instanceof ApiError)) return false;
  return failure.status === 401 || (failure.status === 403 && ['WRONG_ROLE', 'WRONG_CALLER'].includes(failure.problem.code));
}
