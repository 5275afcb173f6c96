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
  const unplaced: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const field = fieldOf(path, fields);
    if (field) fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${message}` : message;
    else unplaced.push(`${path}: ${message}`);
  }
  const codeField = codeFields[problem.code];
  if (codeField && !fieldErrors[codeField]) fieldErrors[codeField] = problem.detail;

  const error = [problem.detail || t.unexpectedError, ...unplaced].join(' ');
  return { error, fieldErrors };
}
