import { ApiError } from '../api/problem';

/** Error messages by the DOM id of the input they belong to. */
export type FieldErrors = Record<string, string>;

/** The DOM id of one input of a builder item (a grade, section or row group). */
export function fieldId(itemId: string, part: string): string {
  return `sm-${itemId}-${part}`;
}

/**
 * The server's field errors (`errors[].path`, a JSON pointer into the request such as
 * /body/title) on the inputs that `locate` names; the rest stay in the form's message.
 */
export function serverFieldErrors(failure: unknown, locate: (path: string) => string | null): FieldErrors {
  if (!(failure instanceof ApiError) || failure.status !== 400) return {};
  const found: FieldErrors = {};
  for (const error of failure.problem.errors ?? []) {
    const id = locate(error.path);
    if (id && !found[id]) found[id] = error.message;
  }
  return found;
}

/** Moves focus to the first input with an error, in page order; false when there is none. */
export function focusFirstError(form: HTMLElement | null, errors: FieldErrors): boolean {
  if (!form) return false;
  const first = [...form.querySelectorAll<HTMLElement>('[id]')].find((element) => errors[element.id]);
  first?.focus();
  return first !== undefined;
}
