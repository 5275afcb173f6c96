import type { FormEvent } from 'react';
import { logIn, signUp } from '../api/auth';
import { AppLink } from '../components/AppLink';
import { FormStatus } from '../components/FormStatus';
import { RoleField } from '../components/RoleField';
import { SignedInNotice } from '../components/SignedInNotice';
import { TextField } from '../components/TextField';
import { textValue } from '../form/formValues';
import { useSubmission } from '../form/useSubmission';
import { checkEmail, checkNewPassword, failures } from '../form/validate';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import '../styles.css';

const FIELDS = ['email', 'password', 'name', 'role'] as const;
const CODE_FIELDS = { EMAIL_TAKEN: 'email' } as const;

export default function SignupPage({ lang, session, onSession, navigate }: RemotePageProps) {
  const t = messages(lang);
  const form = useSubmission(t, { fields: FIELDS, codeFields: CODE_FIELDS });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = textValue(event.currentTarget, 'email');
    const password = textValue(event.currentTarget, 'password', false);
    const name = textValue(event.currentTarget, 'name');
    const role = textValue(event.currentTarget, 'role') === 'seller' ? 'seller' : 'buyer';
    const invalid = failures({ email: checkEmail(email, t), password: checkNewPassword(password, t) });
    if (invalid) return form.reject(invalid);
    void form.submit(async () => {
      await signUp({ email, password, role, ...(name ? { name } : {}) });
      onSession(await logIn(email, password));
      navigate('/');
    });
  };

  return (
    <section className="auth-page" aria-labelledby="signup-heading">
      <h1 id="signup-heading">{t.signupHeading}</h1>
      {session && <SignedInNotice t={t} session={session} navigate={navigate} />}
      <form ref={form.formRef} className="auth-form" noValidate onSubmit={onSubmit}>
        <FormStatus error={form.error} pendingText={form.pending ? t.signupPending : null} />
        <TextField id="signup-email" name="email" type="email" label={t.email} autoComplete="email" error={form.fieldErrors.email} />
        <TextField
          id="signup-password"
          name="password"
          type="password"
          label={t.password}
          autoComplete="new-password"
          hint={t.passwordHint}
          error={form.fieldErrors.password}
        />
        <TextField id="signup-name" name="name" label={t.name} autoComplete="name" hint={t.optional} error={form.fieldErrors.name} />
        <RoleField t={t} error={form.fieldErrors.role} />
        <button type="submit" className="auth-button auth-button-primary" disabled={form.pending}>{t.signupButton}</button>
      </form>
      <p className="auth-switch">
        {t.haveAccount} <AppLink href="/login" navigate={navigate}>{t.loginLink}</AppLink>
      </p>
    </section>
  );
}
