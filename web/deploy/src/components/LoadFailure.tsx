import { statusOf } from '../api/client';
import { describeFailure } from '../describeFailure';
import type { Messages } from '../i18n';
import type { Session } from '../session';
import { SignInNotice } from './SignInNotice';

interface LoadFailureProps {
  t: Messages;
  failure: unknown;
  /** What could not be loaded. */
  what: string;
  session: Session | null;
  navigate: (path: string) => void;
  onRetry: () => void;
}

/** A failed load: the server's explanation and a retry, or the way to log in for 401/403. */
export function LoadFailure({ t, failure, what, session, navigate, onRetry }: LoadFailureProps) {
  const status = statusOf(failure);
  if (status === 401 || status === 403) {
    return (
      <div role="alert">
        <SignInNotice t={t} session={session} navigate={navigate} message={`${describeFailure(failure, t)} ${status === 403 ? t.notAllowed : t.logInForConsole}`} />
      </div>
    );
  }
  return (
    <div role="alert" className="dp-panel dp-panel-error">
      <p>{what} {describeFailure(failure, t)}</p>
      <button type="button" className="dp-button" onClick={onRetry}>{t.tryAgain}</button>
    </div>
  );
}
