import { timingSafeEqual } from 'node:crypto';
import { DomainError, type Pool, type TokenVerifier } from '@clove/kit';
import { isSessionActive } from '../sessions/session.service.js';
import { hashRefreshToken } from '../tokens/token-issuer.js';

export interface IntrospectionResult {
  active: boolean;
  token_type?: 'access_token' | 'refresh_token';
  sub?: string;
  role?: string;
  sid?: string;
  jti?: string;
  exp?: number;
  iss?: string;
  aud?: string;
}

/** RFC 7662: tells callers whether a token is live right now, seeing revocation and deletion. */
export class IntrospectionService {
  constructor(
    private readonly pool: Pool,
    private readonly verify: TokenVerifier,
  ) {}

  async introspect(token: string): Promise<IntrospectionResult> {
    if (token.split('.').length === 3) return this.introspectAccessToken(token);
    return this.introspectRefreshToken(token);
  }

  private async introspectAccessToken(token: string): Promise<IntrospectionResult> {
    try {
      const principal = await this.verify(token);
      if (!(await isSessionActive(this.pool, principal.sessionId, principal.userId))) return { active: false };
      return {
        active: true,
        token_type: 'access_token',
        sub: principal.userId,
        role: principal.role,
        sid: principal.sessionId,
        jti: principal.tokenId,
        exp: principal.expiresAt,
        iss: 'clove-auth',
        aud: 'clove',
      };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return { active: false };
      throw error;
    }
  }

  private async introspectRefreshToken(token: string): Promise<IntrospectionResult> {
    const { rows } = await this.pool.query<{ session_id: string; user_id: string; role: string; exp: string }>(
      `select rt.session_id, s.user_id, u.role, extract(epoch from rt.expires_at)::bigint as exp
       from refresh_tokens rt join sessions s on s.id = rt.session_id join users u on u.id = s.user_id
       where rt.token_hash = $1 and rt.used_at is null and rt.expires_at > now()
         and s.revoked_at is null and u.deleted_at is null`,
      [hashRefreshToken(token)],
    );
    const row = rows[0];
    if (!row) return { active: false };
    return { active: true, token_type: 'refresh_token', sub: row.user_id, role: row.role, sid: row.session_id, exp: Number(row.exp) };
  }
}

/** Service clients allowed to introspect with HTTP Basic, from `id:secret,id:secret`. */
export class IntrospectionClients {
  private readonly clients = new Map<string, Buffer>();

  constructor(spec: string) {
    for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const at = pair.indexOf(':');
      if (at > 0) this.clients.set(pair.slice(0, at), Buffer.from(pair.slice(at + 1)));
    }
  }

  /** True when the Authorization header carries valid Basic credentials of a known client. */
  accepts(authorization: string | undefined): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString();
    const at = decoded.indexOf(':');
    const expected = this.clients.get(decoded.slice(0, at));
    const given = Buffer.from(decoded.slice(at + 1));
    return at > 0 && !!expected && expected.length === given.length && timingSafeEqual(expected, given);
  }
}
