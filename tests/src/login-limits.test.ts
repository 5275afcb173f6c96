/** Log-in is rate-limited per email and per client IP, answering 429 with Retry-After. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, signUpAndLogIn, uniqueEmail } from './support/accounts.js';
import { post } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

describe('log-in rate limits', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform({
      env: { AUTH_LOGIN_MAX_PER_EMAIL: '4', AUTH_LOGIN_MAX_PER_IP: '12', AUTH_LOGIN_WINDOW_SECONDS: '600' },
    });
  });
  after(async () => {
    await platform?.dispose();
  });

  it('limits attempts per email, even with the right password', async () => {
    const { email } = await signUpAndLogIn(platform.gateway, 'buyer'); // attempt 1
    for (let i = 0; i < 3; i++) {
      assert.equal((await post(`${platform.gateway}/auth/login`, { email, password: 'wrong-password-1' })).status, 401);
    }
    const limited = await post(`${platform.gateway}/auth/login`, { email: email.toUpperCase(), password: PASSWORD });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'TOO_MANY_LOGIN_ATTEMPTS');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After ${retryAfter}`);
  });

  it('limits attempts per client IP across emails', async () => {
    // 5 attempts were spent above; the IP allows 12 in the window.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await post(`${platform.gateway}/auth/login`, { email: uniqueEmail('spray'), password: PASSWORD })).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 401, 429]);
  });
});
