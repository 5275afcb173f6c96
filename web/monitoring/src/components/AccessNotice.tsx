import { AppLink } from '@clove/web-kit/AppLink';
import type { Messages } from '../i18n';

interface AccessNoticeProps {
  heading: string;
  /** Why the page is not shown, e.g. "Only admins can see the system." */
  reason: string;
  signedIn: boolean;
  t: Messages;
  navigate: (path: string) => void;
}

/** Instead of a page the user may not see: why, and a way to log in with another account. */
export function AccessNotice({ heading, reason, signedIn, t, navigate }: AccessNoticeProps) {
  return (
    <section className="mon-page" aria-labelledby="mon-access-heading">
      <h1 id="mon-access-heading">{heading}</h1>
      <div className="mon-panel" role="alert">
        <p>{reason}</p>
        <AppLink href="/login" navigate={navigate} className="mon-button mon-button-primary">
          {signedIn ? t.logInAsOther : t.logIn}
        </AppLink>
      </div>
    </section>
  );
}
