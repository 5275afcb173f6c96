import type { Role, Session, User } from '../session';
import { request } from './client';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  user: User;
}

export interface SignupInput {
  email: string;
  password: string;
  role: Exclude<Role, 'admin'>;
  name?: string;
}

function toSession(pair: TokenPair): Session {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
}

export async function logIn(email: string, password: string): Promise<Session> {
  return toSession(await request<TokenPair>('POST', '/auth/login', { body: { email, password } }));
}

export async function signUp(input: SignupInput): Promise<User> {
  const { user } = await request<{ user: User }>('POST', '/auth/signup', { body: input });
  return user;
}

export function fetchMe(session: Session): Promise<User> {
  return request<User>('GET', '/auth/me', { token: session.accessToken });
}

export function logOut(session: Session): Promise<void> {
  return request<void>('POST', '/auth/logout', {
    token: session.accessToken,
    body: { refreshToken: session.refreshToken },
  });
}

export function deleteAccount(session: Session, password: string): Promise<void> {
  return request<void>('DELETE', '/auth/me', { token: session.accessToken, body: { password } });
}
