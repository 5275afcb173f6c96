import { createHash, randomUUID } from 'node:crypto';
import { isDatabaseUnavailable, notAllowed, unauthenticated, withTransaction, type Pool, type Principal, type Queryable } from '@clove/kit';
import { hashRefreshToken, type TokenIssuer } from '../tokens/token-issuer.js';
import { verifyPassword } from '../users/password.js';
import { findActiveUserByEmail, toPublicUser, type PublicUser, type UserRow } from '../users/user.repository.js';
import type { LoginLimiter } from './login-limiter.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: PublicUser;
}

const invalidRefresh = () => unauthenticated('The refresh token is invalid or expired.', 'INVALID_REFRESH_TOKEN');

/** R2, R3, R5: log-in, refresh with rotation and reuse detection, log-out. */
export class SessionService {
  constructor(
    private readonly pool: Pool,
    private readonly issuer: TokenIssuer,
    private readonly limiter: LoginLimiter,
    private readonly decoyHash: string,
  ) {}

  /**
   * R4: the sessions revoked within the last `seconds` (deleted accounts, log-outs, reused
   * refresh tokens), whose access tokens other services must stop taking at once, and the
   * list's revision: the same list has the same revision, on every replica.
   */
  async revokedWithin(seconds: number): Promise<{ sessions: string[]; revision: string }> {
    const { rows } = await this.pool.query<{ id: string }>(
      `select id from sessions where revoked_at > now() - make_interval(secs => $1) order by id`,
      [seconds],
    );
    const sessions = rows.map((row) => row.id);
    return { sessions, revision: createHash('sha256').update(sessions.join(',')).digest('hex').slice(0, 16) };
  }

  async login(email: string, password: string, ip: string): Promise<TokenPair> {
    await this.limiter.consume(email, ip);
    try {
      return await this.checkAndOpenSession(email, password);
    } catch (error) {
      // An attempt the database could not answer was not a guess at the password.
      if (isDatabaseUnavailable(error)) await this.limiter.giveBack(email, ip);
      throw error;
    }
  }

  private async checkAndOpenSession(email: string, password: string): Promise<TokenPair> {
    const user = await findActiveUserByEmail(this.pool, email);
    // Verify against a decoy when the user is unknown, so both paths cost one Argon2 check.
    const ok = await verifyPassword(user?.password_hash ?? this.decoyHash, password);
    if (!user || !ok) throw unauthenticated('The email or password is wrong.', 'INVALID_CREDENTIALS');
    const sessionId = randomUUID();
    return withTransaction(this.pool, async (client) => {
      await client.query('insert into sessions (id, user_id) values ($1, $2)', [sessionId, user.id]);
      return this.issuePair(client, user, sessionId);
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<UserRow & { session_id: string; used_at: Date | null; expired: boolean; revoked_at: Date | null; deleted_at: Date | null }>(
        `select rt.session_id, rt.used_at, rt.expires_at < now() as expired, s.revoked_at,
                u.id, u.email, u.name, u.role, u.password_hash, u.deleted_at
         from refresh_tokens rt
         join sessions s on s.id = rt.session_id
         join users u on u.id = s.user_id
         where rt.token_hash = $1
         for update of rt, s`,
        [hashRefreshToken(refreshToken)],
      );
      const row = rows[0];
      if (!row || row.revoked_at || row.deleted_at || row.expired) return { error: invalidRefresh() };
      if (row.used_at) {
        // A rotated token came back: someone holds a copy. Revoke the whole family.
        await revokeSession(client, row.session_id, 'refresh token reuse');
        return { error: unauthenticated('The refresh token was already used; the session is revoked.', 'REFRESH_TOKEN_REUSED') };
      }
      await client.query('update refresh_tokens set used_at = now() where token_hash = $1', [hashRefreshToken(refreshToken)]);
      return { pair: await this.issuePair(client, row, row.session_id) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  async logout(principal: Principal, refreshToken: string): Promise<void> {
    const { rows } = await this.pool.query<{ session_id: string; user_id: string }>(
      `select rt.session_id, s.user_id from refresh_tokens rt join sessions s on s.id = rt.session_id
       where rt.token_hash = $1`,
      [hashRefreshToken(refreshToken)],
    );
    const row = rows[0];
    if (!row) throw invalidRefresh();
    if (row.user_id !== principal.userId) throw notAllowed('This refresh token belongs to another user.', 'NOT_YOUR_SESSION');
    await revokeSession(this.pool, row.session_id, 'logout');
  }

  private async issuePair(db: Queryable, user: UserRow, sessionId: string): Promise<TokenPair> {
    const refresh = this.issuer.refreshToken();
    await db.query('insert into refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3)', [
      refresh.hash,
      sessionId,
      refresh.expiresAt,
    ]);
    const access = await this.issuer.accessToken(user, sessionId);
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      user: toPublicUser(user),
    };
  }
}

export async function revokeSession(db: Queryable, sessionId: string, reason: string): Promise<void> {
  await db.query(
    `update sessions set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null`,
    [sessionId, reason],
  );
}

/** True while the session is live and its user not deleted: what makes a token active. */
export async function isSessionActive(db: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from sessions s join users u on u.id = s.user_id
     where s.id = $1 and s.user_id = $2 and s.revoked_at is null and u.deleted_at is null`,
    [sessionId, userId],
  );
  return rowCount === 1;
}
