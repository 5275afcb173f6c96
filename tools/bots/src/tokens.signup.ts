import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient, HttpResult } from './http.client.js';
import type { Recorder } from './stats.recorder.js';

const RATE_LIMIT_RETRIES = 3;
const MAX_RETRY_AFTER_S = 10;

/**
 * A new buyer account through the auth API (sign-up, then log-in); null when it failed. A 429
 * from the log-in limiter is waited out (Retry-After) a few times before giving up.
 */
export async function signUpBuyer(http: HttpClient, authUrl: string, recorder: Recorder): Promise<string | null> {
  const email = `bot-${randomUUID()}@bots.clove.test`;
  const password = randomBytes(12).toString('base64url');
  const signup = await withRateLimit(() => http.send('POST', `${authUrl}/signup`, { body: { email, password, role: 'buyer', name: 'Bot' } }), recorder);
  if (signup.status !== 201) return null;
  const login = await withRateLimit(() => http.send('POST', `${authUrl}/login`, { body: { email, password } }), recorder);
  if (login.status !== 200) return null;
  return (login.body as { accessToken: string }).accessToken;
}

async function withRateLimit(send: () => Promise<HttpResult>, recorder: Recorder): Promise<HttpResult> {
  for (let attempt = 0; ; attempt++) {
    const result = await send();
    recorder.record('token', result.status, result.ms, result.error);
    if (result.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return result;
    const retryAfter = Number((result.body as { retryAfter?: number } | undefined)?.retryAfter ?? 1);
    await sleep(Math.min(MAX_RETRY_AFTER_S, Math.max(1, retryAfter)) * 1000);
  }
}
