import type { Messages } from '../i18n';

interface RoleFieldProps {
  t: Messages;
  error?: string;
}

/** Buyer or seller; administrators are never created by sign-up. */
export function RoleField({ t, error }: RoleFieldProps) {
  const errorId = error ? 'signup-role-error' : undefined;
  return (
    <fieldset className="auth-field auth-roles" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend>{t.role}</legend>
      <div className="auth-role-options">
        <label className="auth-choice" htmlFor="signup-role-buyer">
          <input id="signup-role-buyer" type="radio" name="role" value="buyer" defaultChecked />
          {t.buyer}
        </label>
        <label className="auth-choice" htmlFor="signup-role-seller">
          <input id="signup-role-seller" type="radio" name="role" value="seller" />
          {t.seller}
        </label>
      </div>
      {error && <p id={errorId} className="auth-field-error">{error}</p>}
    </fieldset>
  );
}
