import { ApiError, type Problem } from './problem';

export interface FailureMessages {
  unexpectedError: string;
  networkError: string;
  /** The page's sentences for refusals, by code (none for English: the server's own are). */
  problems?: Readonly<Record<string, string>>;
}

/**
 * A sentence for a failed request: the page language's sentence for its code (with the seats it
 * names), or the server's detail, which already lists its field errors; or a generic message.
 */
export function describeFailure(failure: unknown, t: FailureMessages): string {
  if (!(failure instanceof ApiError)) {
    console.error(failure);
    return t.unexpectedError;
  }
  if (failure.status === 0) return t.networkError;
  return describeProblem(failure.problem, t);
}

export function describeProblem(problem: Problem, t: FailureMessages): string {
  const own = t.problems?.[problem.code];
  if (own) return problem.seats?.length ? `${own} (${problem.seats.join(', ')})` : own;
  const unlisted = (problem.errors ?? []).map((error) => error.message).filter((message) => !problem.detail?.includes(message));
  return [problem.detail || t.unexpectedError, ...unlisted].join(' ');
}
