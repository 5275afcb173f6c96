import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { post } from './http.js';

export const PASSWORD = 'correct-horse-battery';

export interface Session {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Signs up and logs in a new user through the gateway. */
export async function signUpAndLogIn(gateway: string, role: 'seller' | 'buyer', email = uniqueEmail(role)): Promise<Session> {
  const signup = await post(`${gateway}/auth/signup`, { email, password: PASSWORD, role, name: 'Test User' });
  assert.equal(signup.status, 201, signup.text);
  return logIn(gateway, email);
}

export async function logIn(gateway: string, email: string, password = PASSWORD): Promise<Session> {
  const login = await post(`${gateway}/auth/login`, { email, password });
  assert.equal(login.status, 200, login.text);
  return { email, userId: login.body.user.id, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/** The platform admin's credentials, for platforms started with adminEnv. */
export const ADMIN = { email: 'admin@clove.test', password: 'admin-password-for-tests' };
export const adminEnv = { CLOVE_ADMIN_EMAIL: ADMIN.email, CLOVE_ADMIN_PASSWORD: ADMIN.password };
