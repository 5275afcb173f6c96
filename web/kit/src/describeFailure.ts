import { ApiError, type Problem } from './problem';

export interface FailureMessages {
  unexpectedError: string;
  networkError: string;
  /**
   * The page's sentences for refusals, by code, or by code and decline reason
   * (`PAYMENT_DECLINED:insufficient_funds`); none for English: the server's own are.
   */
  problems?: Readonly<Record<string, string>>;
}

/**
 * A sentence for a failed request: the page language's sentence for its code (with the seats it
 * names), or the server's detail; or a generic message.
 */
export function describeFailure(failure: unknown, t: FailureMessages): string {
  if (!(failure instanceof ApiError)) {
    console.error(failure);
    return t.unexpectedError;
  }
  if (failure.status === 0) return t.networkError;
  return describeProblem(failure.problem, t);
}

/**
 * The alert of a form whose fields already show their errors: what to do, in the page's language
 * when it has a sentence for the code; the server's sentence for a refusal other than validation.
 */
export function describeFormProblem(problem: Problem, t: FailureMessages & { checkFields: string }): string {
  return t.problems?.[problem.code] ?? (problem.code === 'VALIDATION_FAILED' ? t.checkFields : problem.detail || t.checkFields);
}

export function describeProblem(problem: Problem, t: FailureMessages): string {
  const own = (problem.declineCode ? t.problems?.[`${problem.code}:${problem.declineCode}`] : undefined) ?? t.problems?.[problem.code];
  if (own) return problem.seats?.length ? `${own} (${problem.seats.join(', ')})` : own;
  // The detail says it all (a validation failure's lists each field); the field errors are for forms to place.
  if (problem.detail) return problem.detail;
  const errors = (problem.errors ?? []).map((error) => error.message);
  return errors.length > 0 ? errors.join(' ') : t.unexpectedError;
}
