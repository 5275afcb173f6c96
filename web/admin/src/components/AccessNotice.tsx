import { AppLink } from '@clove/web-kit/AppLink';
import type { Session } from '@clove/web-kit/session';
import type { Messages } from '../i18n';

interface AccessNoticeProps {
  session: Session | null;
  navigate: (path: string) => void;
  t: Messages;
}

/** Why the page shows nothing: nobody is logged in, or the account is not an admin's. */
export function AccessNotice({ session, navigate, t }: AccessNoticeProps) {
  return (
    <div className="adm-panel adm-panel-warning" role="alert">
      <p>{session ? t.adminsOnly : t.logInAsAdmin}</p>
      <AppLink href="/login" navigate={navigate} className="adm-button adm-button-primary">
        {session ? t.switchAccount : t.logIn}
      </AppLink>
    </div>
  );
}

/** The admin's session, or null for everyone else. */
export function adminSession(session: Session | null): Session | null {
  return session?.user.role === 'admin' ? session : null;
}
