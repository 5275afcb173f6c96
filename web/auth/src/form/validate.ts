import type { Messages } from '../i18n';
import type { FieldErrors } from './describeFailure';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Quick checks before a request; the server remains the authority. */
export function checkEmail(value: string, t: Messages): string | undefined {
  if (!value) return t.required;
  return EMAIL_SHAPE.test(value) ? undefined : t.invalidEmail;
}

export function checkRequired(value: string, t: Messages): string | undefined {
  return value ? undefined : t.required;
}

export function checkNewPassword(value: string, t: Messages): string | undefined {
  if (!value) return t.required;
  return value.length >= MIN_PASSWORD_LENGTH ? undefined : t.tooShort;
}

/** Only the fields that failed, or null when all passed. */
export function failures<F extends string>(checks: Record<F, string | undefined>): FieldErrors<F> | null {
  const failed = Object.entries(checks).filter(([, message]) => message !== undefined);
  return failed.length === 0 ? null : (Object.fromEntries(failed) as FieldErrors<F>);
}
