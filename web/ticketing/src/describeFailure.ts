import { ApiError } from './api/problem';
import type { Messages } from './i18n';

/** A sentence for a failed request: the server's detail, or a generic message. */
export function describeFailure(failure: unknown, t: Messages): string {
  if (!(failure instanceof ApiError)) {
    console.error(failure);
    return t.unexpectedError;
  }
  if (failure.status === 0) return t.networkError;
  const { detail, errors } = failure.problem;
  const extra = (errors ?? []).map((error) => error.message);
  return [detail || t.unexpectedError, ...extra].join(' ');
}
