import { ApiError } from './problem';

export interface FailureMessages {
  unexpectedError: string;
  networkError: string;
}

/** A sentence for a failed request: the server's detail and its field errors, or a generic message. */
export function describeFailure(failure: unknown, t: FailureMessages): string {
  if (!(failure instanceof ApiError)) {
    console.error(failure);
    return t.unexpectedError;
  }
  if (failure.status === 0) return t.networkError;
  const { detail, errors } = failure.problem;
  const extra = (errors ?? []).map((error) => error.message);
  return [detail || t.unexpectedError, ...extra].join(' ');
}
