/** Log-in is rate-limited per email and per client IP, answering 429 with Retry-After. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, signUpAndLogIn, uniqueEmail } from './support/accounts.js';
import { post } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';
import { createPool, type PoolClient } from '@clove/kit';
import { LoginLimiter } from '../../services/auth/dist/sessions/login-limiter.js';

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

  it('shares the limits between auth replicas: they are counted in the database', async () => {
    // Two limiters on their own pools are two replicas of auth as far as counting goes.
    const url = (await platform.runtime()).databases.auth!;
    const pools = [createPool({ connectionString: url, schema: 'auth', max: 1 }), createPool({ connectionString: url, schema: 'auth', max: 1 })];
    const [first, second] = pools.map((pool) => new LoginLimiter(pool, { perEmail: 4, perIp: 1000, windowSeconds: 600 }));
    try {
      const email = uniqueEmail('replicas');
      await first!.consume(email, '10.9.0.1');
      await second!.consume(email.toUpperCase(), '10.9.0.2');
      await first!.consume(email, '10.9.0.3');
      await second!.consume(email, '10.9.0.4');
      await assert.rejects(first!.consume(email, '10.9.0.5'), /Too many log-in attempts/);
      await assert.rejects(second!.consume(email, '10.9.0.6'), /Too many log-in attempts/);
      const { rows } = await pools[0]!.query<{ key: string }>('select key from rate_limits');
      assert.ok(!rows.some((row) => row.key.includes(email)), 'emails are not stored as given');
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('does not count attempts the database could not take towards the limit', async () => {
    const url = (await platform.runtime()).databases.auth!;
    const pool = createPool({ connectionString: url, schema: 'auth', max: 1, connectTimeoutMs: 200 });
    const limiter = new LoginLimiter(pool, { perEmail: 3, perIp: 1000, windowSeconds: 600 });
    const email = uniqueEmail('outage');
    let only: PoolClient | null = await pool.connect();
    try {
      // Every connection busy: to the limiter the database is down.
      for (let attempt = 1; attempt <= 5; attempt++) {
        await assert.rejects(limiter.consume(email, '10.9.1.1'), (error: Error) => !/Too many/.test(error.message));
      }
      only.release();
      only = null;
      for (let attempt = 1; attempt <= 3; attempt++) await limiter.consume(email, '10.9.1.1');
      await assert.rejects(limiter.consume(email, '10.9.1.1'), /Too many log-in attempts/);
    } finally {
      only?.release();
      await pool.end();
    }
  });
});
