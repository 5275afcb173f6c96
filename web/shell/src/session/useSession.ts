import { useCallback, useEffect, useRef, useState } from 'react';
import { RefreshRefused } from './refresh';
import { SESSION_RENEWED_EVENT, TOKEN_REFUSED_EVENT, type Session } from './session';
import { onSharedRotation, prepareSharing, rotateShared } from './sharedRotation';
import { loadSession, saveSession } from './storage';

/** Refresh this long before expiry, at most; short-lived tokens refresh at 80 % of their life. */
const MAX_LEAD_MS = 60_000;
/** When the server cannot be reached or fails, try again after this long while the token is still valid. */
const RETRY_MS = 5_000;

/** A server that keeps refusing fresh tokens must not make the pages refresh the session in a tight loop. */
const MIN_FORCED_GAP_MS = 2_000;

/** setTimeout fires at once beyond this delay. */
const MAX_TIMER_MS = 2_147_483_647;

function refreshDelay(session: Session, now = Date.now()): number {
  const remaining = session.expiresAt - now;
  return Math.min(MAX_TIMER_MS, Math.max(0, remaining - Math.min(MAX_LEAD_MS, remaining * 0.2)));
}

/** Unreachable, overloaded or failing servers may recover; a 4xx answer is final. */
function isTransient(failure: unknown): boolean {
  return !(failure instanceof RefreshRefused) || failure.status >= 500 || failure.status === 429;
}

/**
 * The signed-in session: kept in memory and sessionStorage, refreshed in the background
 * shortly before the access token expires (once for all tabs that share it), or at once when
 * a service refused the access token (a computer that slept past its expiry), and ended when
 * the refresh is refused (the session was ended elsewhere).
 */
export function useSession(): [Session | null, (session: Session | null) => void] {
  const [session, setSessionState] = useState<Session | null>(loadSession);

  const current = useRef(session);
  const setSession = useCallback((next: Session | null) => {
    if (next) prepareSharing();
    saveSession(next);
    current.current = next;
    setSessionState(next);
  }, []);

  useEffect(() => {
    if (current.current) prepareSharing();
    return onSharedRotation(() => current.current, setSession);
  }, [setSession]);

  const lastForced = useRef(0);
  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout>;

    const refresh = async (forced = false) => {
      running = true;
      try {
        const next = await rotateShared(session);
        if (cancelled) return;
        setSession(next);
        if (forced) window.dispatchEvent(new Event(SESSION_RENEWED_EVENT));
      } catch (failure) {
        if (cancelled) return;
        if (isTransient(failure) && Date.now() + RETRY_MS < session.expiresAt) timer = setTimeout(() => void refresh(forced), RETRY_MS);
        else setSession(null);
      } finally {
        running = false;
      }
    };

    let forcing = false;
    const onRefused = (event: Event) => {
      // A token older than the session's: it was renewed since, and what was refused may try again.
      if ((event as CustomEvent<unknown>).detail !== session.accessToken) return void window.dispatchEvent(new Event(SESSION_RENEWED_EVENT));
      if (running || forcing) return;
      forcing = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        lastForced.current = Date.now();
        void refresh(true);
      }, Math.max(0, lastForced.current + MIN_FORCED_GAP_MS - Date.now()));
    };

    timer = setTimeout(refresh, refreshDelay(session));
    window.addEventListener(TOKEN_REFUSED_EVENT, onRefused);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener(TOKEN_REFUSED_EVENT, onRefused);
    };
  }, [session, setSession]);

  return [session, setSession];
}
