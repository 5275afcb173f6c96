import { useEffect, useState } from 'react';
import { fetchMe } from '../api/auth';
import { ApiError } from '../api/problem';
import type { Session, User } from '../session';

/** Codes of a 401 that mean the session is over (an expired token is refreshed by the shell). */
const ENDED = new Set(['SESSION_REVOKED', 'INVALID_TOKEN', 'TOKEN_MISSING']);

/**
 * The signed-in user as the server knows it now; starts from the session's copy.
 * Ends the session when the server says it is gone.
 */
export function useCurrentUser(session: Session | null, onSession: (session: Session | null) => void) {
  const [user, setUser] = useState<User | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (!session || session.expiresAt <= Date.now()) return;
    let active = true;
    fetchMe(session).then(
      (fresh) => {
        if (!active) return;
        setUser(fresh);
        setFailure(null);
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.problem.status === 401 && ENDED.has(error.problem.code)) onSession(null);
        else setFailure(error);
      },
    );
    return () => {
      active = false;
    };
  }, [session, onSession]);

  const current = session && user?.id === session.user.id ? user : session?.user ?? null;
  return { user: current, failure };
}
