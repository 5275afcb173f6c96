import { AppLink } from '@clove/web-kit/AppLink';
import { describeFailure } from '@clove/web-kit/describeFailure';
import { statusOf } from '@clove/web-kit/problem';
import type { Messages } from '../i18n';

interface FailureAlertProps {
  /** What could not be done, e.g. "The charts could not be loaded." */
  what: string;
  failure: unknown;
  t: Messages;
  navigate: (path: string) => void;
  onRetry?: () => void;
}

/** A failed request: what failed, the server's reason, and a retry — or for 401/403 a way to log in again. */
export function FailureAlert({ what, failure, t, navigate, onRetry }: FailureAlertProps) {
  const status = statusOf(failure);
  const refused = status === 401 || status === 403;
  return (
    <div role="alert" className="mon-alert">
      <p>{what} {describeFailure(failure, t)}</p>
      {refused && <p>{status === 401 ? t.sessionEnded : t.notAllowed}</p>}
      {(refused || onRetry) && (
        <div className="mon-actions">
          {onRetry && !refused && <button type="button" className="mon-button" onClick={onRetry}>{t.tryAgain}</button>}
          {refused && <AppLink href="/login" navigate={navigate} className="mon-button">{t.logIn}</AppLink>}
        </div>
      )}
    </div>
  );
}
