import { useCallback } from 'react';
import { DeleteAccount } from '../account/DeleteAccount';
import { LogOutButton } from '../account/LogOutButton';
import { useCurrentUser } from '../account/useCurrentUser';
import { describeProblem } from '@clove/web-kit/describeFailure';
import { ApiError } from '../api/problem';
import { AppLink } from '../components/AppLink';
import { messages, roleLabel, type Messages } from '../i18n';
import type { RemotePageProps } from '../session';
import '../styles.css';

function failureText(failure: unknown, t: Messages): string {
  if (failure instanceof ApiError) return failure.problem.status === 0 ? t.networkError : describeProblem(failure.problem, t);
  return t.unexpectedError;
}

export default function AccountPage({ lang, session, onSession, navigate }: RemotePageProps) {
  const t = messages(lang);
  const { user, failure } = useCurrentUser(session);
  const signOut = useCallback(() => {
    onSession(null);
    navigate('/');
  }, [onSession, navigate]);

  if (!session || !user) {
    return (
      <section className="auth-page" aria-labelledby="account-heading">
        <h1 id="account-heading">{t.accountHeading}</h1>
        <p className="auth-note">
          {t.loggedOut} <AppLink href="/login" navigate={navigate}>{t.loginLink}</AppLink>
        </p>
      </section>
    );
  }

  return (
    <section className="auth-page" aria-labelledby="account-heading">
      <h1 id="account-heading">{t.accountHeading}</h1>
      {failure !== null && <div role="alert" className="auth-alert">{failureText(failure, t)}</div>}
      <dl className="auth-details">
        <div>
          <dt>{t.email}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t.accountRole}</dt>
          <dd>{roleLabel(t, user.role)}</dd>
        </div>
        <div>
          <dt>{t.name}</dt>
          <dd>{user.name ?? <span className="auth-muted">{t.notSet}</span>}</dd>
        </div>
      </dl>
      <div className="auth-actions">
        <LogOutButton t={t} session={session} onLoggedOut={signOut} />
      </div>
      <DeleteAccount t={t} session={session} onDeleted={signOut} />
    </section>
  );
}
