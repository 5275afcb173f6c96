import type { Ref } from 'react';
import { statusOf } from '../api/problem';
import { AppLink } from '../components/AppLink';
import { describeFailure } from '../describeFailure';
import type { Messages } from '../i18n';

interface FailureNoticeProps {
  failure: unknown;
  /** What could not be done, such as "The bookers could not be loaded." */
  what: string;
  t: Messages;
  navigate: (path: string) => void;
  onRetry?: () => void;
  /** Why, in the page's own words, when it has them; the server's reason otherwise. */
  reason?: string;
  /** Focusable from script (tabIndex -1), so a form can move focus to its refusal. */
  ref?: Ref<HTMLDivElement>;
}

/** A failed request: the server's reason, and a way on (log in again for 401/403, or retry). */
export function FailureNotice({ failure, what, t, navigate, onRetry, reason, ref }: FailureNoticeProps) {
  const status = statusOf(failure);
  const denied = status === 401 || status === 403;
  return (
    <div role="alert" className="tk-panel tk-panel-error" ref={ref} tabIndex={-1}>
      <p>{what} {reason ?? describeFailure(failure, t)}</p>
      {denied && <p>{t.seller.logInAsSeller}</p>}
      <div className="actions">
        {denied && <AppLink href="/login" navigate={navigate} className="tk-button tk-button-primary">{t.logIn}</AppLink>}
        {!denied && onRetry && <button type="button" className="tk-button" onClick={onRetry}>{t.tryAgain}</button>}
      </div>
    </div>
  );
}
