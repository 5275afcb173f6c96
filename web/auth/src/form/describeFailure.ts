import { describeFormProblem, describeProblem } from '@clove/web-kit/describeFailure';
import { ApiError } from '../api/problem';
import type { Messages } from '../i18n';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** `/body/email` → `email`, when the form has that field. */
function fieldOf<F extends string>(path: string, fields: readonly F[]): F | undefined {
  const [, part, name] = path.split('/');
  return part === 'body' ? fields.find((field) => field === name) : undefined;
}

export function describeFailure<F extends string>(
  failure: unknown,
  t: Messages,
  fields: readonly F[],
  codeFields: Readonly<Record<string, F>>,
): { error: string; fieldErrors: FieldErrors<F> } {
  if (!(failure instanceof ApiError)) {
    console.error(failure);
    return { error: t.unexpectedError, fieldErrors: {} };
  }
  const { problem } = failure;
  if (problem.status === 0) return { error: t.networkError, fieldErrors: {} };

  const fieldErrors: FieldErrors<F> = {};
  let unplaced = false;
  for (const { path, message } of problem.errors ?? []) {
    const field = fieldOf(path, fields);
    if (field) fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${message}` : message;
    else unplaced = true;
  }
  const said = describeProblem(problem, t);
  const codeField = codeFields[problem.code];
  // A refusal about one field (an email already used) is said once, next to that field.
  if (codeField && !fieldErrors[codeField]) {
    fieldErrors[codeField] = said;
    return { error: t.checkFields, fieldErrors };
  }
  // Field errors are shown at their fields; the alert says what to do, and the server's sentence
  // (which lists every error) only when some error has no field on this form.
  const placed = Object.keys(fieldErrors).length > 0;
  return { error: placed && !unplaced ? describeFormProblem(problem, t) : said, fieldErrors };
}
