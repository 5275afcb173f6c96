import { ApiError } from '@clove/web-kit/problem';

/** Messages per field, keyed by the field's name. */
export type FieldMessages = Partial<Record<string, string>>;

/**
 * The server's field errors under `prefix` (e.g. `/body` or `/body/3`), keyed by the field that
 * follows it (`/body/minReplicas` → minReplicas); errors of other paths are left out.
 */
export function fieldErrorsAt(failure: unknown, prefix: string): FieldMessages {
  if (!(failure instanceof ApiError)) return {};
  const messages: FieldMessages = {};
  for (const { path, message } of failure.problem.errors ?? []) {
    if (!path.startsWith(`${prefix}/`)) continue;
    const field = path.slice(prefix.length + 1).split('/')[0];
    if (!field) continue;
    messages[field] = messages[field] ? `${messages[field]} ${message}` : message;
  }
  return messages;
}
