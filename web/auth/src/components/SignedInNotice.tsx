import type { Messages } from '../i18n';
import type { Session } from '../session';
import { AppLink } from './AppLink';

interface SignedInNoticeProps {
  t: Messages;
  session: Session;
  navigate: (path: string) => void;
}

export function SignedInNotice({ t, session, navigate }: SignedInNoticeProps) {
  return (
    <p className="auth-note">
      {t.loggedInAs} <strong>{session.user.email}</strong>{' '}
      <AppLink href="/account" navigate={navigate}>{t.goToAccount}</AppLink>
    </p>
  );
}
