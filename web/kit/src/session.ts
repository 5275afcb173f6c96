// The session contract between the shell and its remotes: the props every remote page gets.

export type Lang = 'ko' | 'en';
export type Role = 'buyer' | 'seller' | 'admin';

export interface User {
  id: string;
  email: string;
  role: Role;
  name: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, epoch milliseconds. */
  expiresAt: number;
  user: User;
}

/** Props the shell passes to every remote page. */
export interface RemotePageProps {
  lang: Lang;
  session: Session | null;
  onSession: (session: Session | null) => void;
  navigate: (path: string) => void;
}

// A page may hold an access token the server no longer takes: the computer slept past its
// expiry, or the session was ended elsewhere. The client tells the shell, which renews the
// session at once or, when that is refused too, ends it; loads refused for the old token then
// run again.

/** Sent on `window` when a request's access token was refused (401 for the token itself); its detail is the token. */
export const TOKEN_REFUSED_EVENT = 'clove:token-refused';
/** Sent on `window` when the shell renewed the session after a refused token. */
export const SESSION_RENEWED_EVENT = 'clove:session-renewed';

/** 401 codes that are about the access token, not about what was asked. */
export const REFUSED_TOKEN_CODES: readonly string[] = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_REVOKED'];

/** Calls `listener` whenever the shell renewed the session after a refused token; returns the unsubscribe. */
export function onSessionRenewed(listener: () => void): () => void {
  window.addEventListener(SESSION_RENEWED_EVENT, listener);
  return () => window.removeEventListener(SESSION_RENEWED_EVENT, listener);
}
