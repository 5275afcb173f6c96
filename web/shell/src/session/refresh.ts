import type { Session, User } from './session';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/** Thrown when the server answered and refused the refresh token: the session is over. */
export class RefreshRefused extends Error {
  constructor(readonly status: number) {
    super(`The refresh token was refused (${status}).`);
    this.name = 'RefreshRefused';
  }
}

/** Exchanges the refresh token for a new pair. Network failures reject with a TypeError. */
export async function refreshSession(refreshToken: string): Promise<Session> {
  const response = await fetch('/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (!response.ok) throw new RefreshRefused(response.status);
  const pair = (await response.json()) as TokenPair;
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
}
