import { useEffect, useRef, useState, type FormEvent } from 'react';
import { deleteAccount } from '../api/auth';
import { FormStatus } from '../components/FormStatus';
import { TextField } from '../components/TextField';
import { textValue } from '../form/formValues';
import { useSubmission } from '../form/useSubmission';
import { checkRequired, failures } from '../form/validate';
import type { Messages } from '../i18n';
import type { Session } from '../session';

interface DeleteAccountProps {
  t: Messages;
  session: Session;
  onDeleted: () => void;
}

const FIELDS = ['password'] as const;
const CODE_FIELDS = { PASSWORD_MISMATCH: 'password' } as const;

/** Account deletion, behind a confirmation step that asks for the password again. */
export function DeleteAccount({ t, session, onDeleted }: DeleteAccountProps) {
  const [confirming, setConfirming] = useState(false);
  const form = useSubmission(t, { fields: FIELDS, codeFields: CODE_FIELDS });
  const startButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (wasConfirming.current && !confirming) startButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button ref={startButton} type="button" className="auth-button auth-button-danger" onClick={() => setConfirming(true)}>
        {t.deleteButton}
      </button>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = textValue(event.currentTarget, 'password', false);
    const invalid = failures({ password: checkRequired(password, t) });
    if (invalid) return form.reject(invalid);
    void form.submit(async () => {
      await deleteAccount(session, password);
      onDeleted();
    });
  };

  return (
    <form ref={form.formRef} className="auth-form auth-confirm" noValidate onSubmit={onSubmit} aria-describedby="delete-warning">
      <p id="delete-warning" className="auth-warning">{t.deleteWarning}</p>
      <FormStatus error={form.error} pendingText={form.pending ? t.deletePending : null} />
      <TextField
        id="delete-password"
        name="password"
        type="password"
        label={t.password}
        autoComplete="current-password"
        autoFocus
        error={form.fieldErrors.password}
      />
      <div className="auth-actions">
        <button type="submit" className="auth-button auth-button-danger" disabled={form.pending}>{t.deleteButton}</button>
        <button type="button" className="auth-button" onClick={() => setConfirming(false)} disabled={form.pending}>{t.cancel}</button>
      </div>
    </form>
  );
}
