import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { createPool, DomainError } from '@clove/kit';
import { makeDecoyHash } from '../users/password.js';
import type { TokenIssuer } from '../tokens/token-issuer.js';
import { LoginLimiter } from './login-limiter.js';
import { SessionService } from './session.service.js';

/** A port nothing listens on: PostgreSQL there refuses every connection, as a stopped server does. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('log-in while the database is down', () => {
  // That these attempts are not counted, once the database is back, is tested against a real one
  // in tests/src/login-limits.test.ts.
  it('answers with the database\'s error, never a refusal, however often the buyer tries', async () => {
    const pool = createPool({ connectionString: `postgres://clove:x@127.0.0.1:${await closedPort()}/postgres`, max: 1 });
    const limiter = new LoginLimiter(pool, { perEmail: 3, perIp: 3, windowSeconds: 60 });
    const sessions = new SessionService(pool, {} as TokenIssuer, limiter, await makeDecoyHash());
    try {
      for (let attempt = 1; attempt <= 6; attempt++) {
        await assert.rejects(sessions.login('kim@example.com', 'a password', '10.0.0.1'), (error: unknown) => {
          assert.ok(!(error instanceof DomainError), `attempt ${attempt}: the database's error, not a refusal (${String(error)})`);
          return true;
        });
      }
    } finally {
      await pool.end();
    }
  });
});
