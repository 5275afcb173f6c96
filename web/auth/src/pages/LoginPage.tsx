import type { FormEvent } from 'react';
import { logIn } from '../api/auth';
import { AppLink } from '../components/AppLink';
import { FormStatus } from '../components/FormStatus';
import { SignedInNotice } from '../components/SignedInNotice';
import { TextField } from '../components/TextField';
import { textValue } from '../form/formValues';
import { useSubmission } from '../form/useSubmission';
import { checkEmail, checkRequired, failures } from '../form/validate';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import '../styles.css';

const FIELDS = ['email', 'password'] as const;

export default function LoginPage({ lang, session, onSession, navigate }: RemotePageProps) {
  const t = messages(lang);
  const form = useSubmission(t, { fields: FIELDS });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = textValue(event.currentTarget, 'email');
    const password = textValue(event.currentTarget, 'password', false);
    const invalid = failures({ email: checkEmail(email, t), password: checkRequired(password, t) });
    if (invalid) return form.reject(invalid);
    void form.submit(async () => {
      onSession(await logIn(email, password));
      navigate('/');
    });
  };

  return (
    <section className="auth-page" aria-labelledby="login-heading">
      <h1 id="login-heading">{t.loginHeading}</h1>
      {session && <SignedInNotice t={t} session={session} navigate={navigate} />}
      <form ref={form.formRef} className="auth-form" noValidate onSubmit={onSubmit}>
        <FormStatus error={form.error} pendingText={form.pending ? t.loginPending : null} />
        <TextField id="login-email" name="email" type="email" label={t.email} autoComplete="username" error={form.fieldErrors.email} />
        <TextField id="login-password" name="password" type="password" label={t.password} autoComplete="current-password" error={form.fieldErrors.password} />
        <button type="submit" className="auth-button auth-button-primary" disabled={form.pending}>{t.loginButton}</button>
      </form>
      <p className="auth-switch">
        {t.noAccount} <AppLink href="/signup" navigate={navigate}>{t.signupLink}</AppLink>
      </p>
    </section>
  );
}
