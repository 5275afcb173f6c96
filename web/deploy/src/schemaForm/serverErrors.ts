import { ApiError } from '../api/client';
import type { FieldErrors } from './check';

/**
 * A refusal's field errors placed on the form's fields: `/body/values/holdSeconds` belongs to
 * `holdSeconds`. What names no field of the form is handed back to show above it.
 */
export function placeServerErrors(failure: unknown, fieldNames: readonly string[], prefix = '/body/values/'): { fieldErrors: FieldErrors; unplaced: string[] } {
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  if (!(failure instanceof ApiError)) return { fieldErrors, unplaced };
  for (const { path, message } of failure.problem.errors ?? []) {
    const name = path.startsWith(prefix) ? path.slice(prefix.length).split('/')[0] : undefined;
    const before = name ? fieldErrors[name] : undefined;
    if (name && fieldNames.includes(name)) fieldErrors[name] = { said: before && 'said' in before ? `${before.said} ${message}` : message };
    else unplaced.push(message);
  }
  return { fieldErrors, unplaced };
}
