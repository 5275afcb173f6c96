import { useState } from 'react';
import { logOut } from '../api/auth';
import type { Messages } from '../i18n';
import type { Session } from '../session';

interface LogOutButtonProps {
  t: Messages;
  session: Session;
  onLoggedOut: () => void;
}

/** Revokes the refresh token on the server, then ends the session here whatever the answer. */
export function LogOutButton({ t, session, onLoggedOut }: LogOutButtonProps) {
  const [pending, setPending] = useState(false);
  const onClick = async () => {
    setPending(true);
    try {
      await logOut(session);
    } catch (failure) {
      console.warn('Log-out was not confirmed by the server; ending the session here.', failure);
    }
    onLoggedOut();
  };
  return (
    <>
      <button type="button" className="auth-button" onClick={onClick} disabled={pending}>{t.logoutButton}</button>
      {pending && <p role="status" className="auth-status">{t.logoutPending}</p>}
    </>
  );
}
