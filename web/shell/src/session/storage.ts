import type { Session } from './session';

// sessionStorage keeps the session across reloads of this tab only; it is gone when the
// tab closes.
const STORAGE_KEY = 'clove.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Partial<Session>;
  const user = session.user as Partial<Session['user']> | undefined;
  return (
    typeof session.accessToken === 'string' &&
    typeof session.refreshToken === 'string' &&
    typeof session.expiresAt === 'number' &&
    typeof user?.id === 'string' &&
    typeof user.email === 'string' &&
    (user.role === 'buyer' || user.role === 'seller' || user.role === 'admin')
  );
}

/** A stored session, or null when the text is not one. */
export function parseSession(raw: string | null): Session | null {
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  try {
    return parseSession(window.sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session still lives in memory until the page is reloaded.
  }
}
