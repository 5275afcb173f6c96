import { useEffect, useState } from 'react';
import { fetchMe } from '../api/auth';
import { ApiError } from '../api/problem';
import type { Session, User } from '../session';

/**
 * The signed-in user as the server knows it now; starts from the session's copy. A refused
 * token (401) is the shell's to handle: it renews the session, which asks again here, or ends
 * it when the session is over.
 */
export function useCurrentUser(session: Session | null) {
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
        if (!(error instanceof ApiError && error.problem.status === 401)) setFailure(error);
      },
    );
    return () => {
      active = false;
    };
  }, [session]);

  const current = session && user?.id === session.user.id ? user : session?.user ?? null;
  return { user: current, failure };
}
