import { AppLink } from '@clove/web-kit/AppLink';
import { describeFailure } from '@clove/web-kit/describeFailure';
import { statusOf } from '@clove/web-kit/problem';
import { isAccessFailure } from '../api/fieldErrors';
import type { Messages } from '../i18n';

interface FailureAlertProps {
  failure: unknown;
  /** What failed, e.g. "The images could not be loaded." */
  what?: string;
  t: Messages;
  navigate: (path: string) => void;
  onRetry?: () => void;
}

/** A failed request: the server's detail, a log-in link on 401/403, and a retry when it helps. */
export function FailureAlert({ failure, what, t, navigate, onRetry }: FailureAlertProps) {
  const status = statusOf(failure);
  const denied = isAccessFailure(failure);
  return (
    <div role="alert" className="adm-alert" tabIndex={-1}>
      <p>{[what, describeFailure(failure, t)].filter(Boolean).join(' ')}</p>
      {denied && (
        <p>
          {status === 401 ? t.sessionExpired : t.adminsOnly}{' '}
          <AppLink href="/login" navigate={navigate}>{t.logIn}</AppLink>
        </p>
      )}
      {onRetry && !denied && <button type="button" className="adm-button" onClick={onRetry}>{t.tryAgain}</button>}
    </div>
  );
}
