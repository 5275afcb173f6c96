import type { Messages } from '../i18n';
import type { Session } from '../session';
import { AppLink } from './AppLink';

interface SignInNoticeProps {
  t: Messages;
  session: Session | null;
  navigate: (path: string) => void;
  /** Said instead of the usual sentence, e.g. when the server refused the signed-in user. */
  message?: string;
}

/** For anonymous users and buyers: what the console is for, and the way to a seller's log-in. */
export function SignInNotice({ t, session, navigate, message }: SignInNoticeProps) {
  return (
    <div className="dp-panel dp-notice">
      <p>{message ?? (session ? t.buyerNoConsole : t.logInForConsole)}</p>
      <AppLink href="/login" navigate={navigate} className="dp-button dp-button-primary">{t.logInAsSeller}</AppLink>
    </div>
  );
}

/** Sellers and admins use the console. */
export function consoleUser(session: Session | null): Session | null {
  return session && (session.user.role === 'seller' || session.user.role === 'admin') ? session : null;
}
