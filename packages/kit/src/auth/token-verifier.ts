import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { JwtRefused, verifyEs256Jwt } from './es256-jwt.js';
import { DomainError, ErrorCode, unauthenticated } from '../errors/domain-error.js';
import { RevokedSessions, revokedSessionsUrlOf } from './revoked-sessions.js';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ROLES, type Role } from './roles.js';

export interface Principal {
  userId: string;
  role: Role;
  /** The refresh-token family (session) the token was issued for. */
  sessionId: string;
  tokenId: string;
  expiresAt: number;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

const KNOWN_ROLES = new Set<Role>(ROLES);

export interface VerifierOptions {
  /**
   * How long a token, once verified, is accepted again without checking its signature (never
   * past its expiry); 0 checks every time. A buyer's few requests in a row then cost one
   * signature check. Keep it well under the key cache of remoteKeys, so a retired key stops
   * working no later than it would anyway.
   */
  reuseForMs?: number;
  /** The most verified tokens remembered; the oldest are forgotten first. */
  remember?: number;
  /** The clock, in ms since the epoch (tests move it). */
  now?: () => number;
  /** Sessions ended lately (R4): their tokens are refused however valid their signature. */
  revoked?: Pick<RevokedSessions, 'has'>;
}

/** Verifies access tokens against a key source: the auth JWKS over HTTP, or local keys. */
export function createTokenVerifier(keys: JWTVerifyGetKey, options: VerifierOptions = {}): TokenVerifier {
  const now = options.now ?? Date.now;
  const verify = withRevocations(verifyWith(keys, now), options.revoked);
  const reuseForMs = options.reuseForMs ?? 0;
  if (reuseForMs <= 0) return verify;
  const remember = options.remember ?? 20_000;
  // The whole token is the key: the same string is the same signed claims.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const at = now();
    const known = verified.get(token);
    if (known && known.until > at) {
      if (options.revoked?.has(known.principal.sessionId)) throw sessionEnded();
      return known.principal;
    }
    if (known) verified.delete(token);
    const principal = await verify(token);
    if (verified.size >= remember) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, until: Math.min(at + reuseForMs, principal.expiresAt * 1000) });
    return principal;
  };
}

/**
 * The services' verifier of access tokens: keys from the auth JWKS, a verified token accepted
 * again for a minute, and the sessions auth ended lately refused (read every second).
 */
export function remoteTokenVerifier(jwksUrl: string): TokenVerifier {
  const revoked = new RevokedSessions(revokedSessionsUrlOf(jwksUrl)).start();
  return createTokenVerifier(remoteKeys(jwksUrl), { reuseForMs: 60_000, revoked });
}

const sessionEnded = () => unauthenticated('The session of this access token has ended (log-out or account deletion).', 'SESSION_REVOKED');

function withRevocations(verify: TokenVerifier, revoked: VerifierOptions['revoked']): TokenVerifier {
  if (!revoked) return verify;
  return async (token) => {
    const principal = await verify(token);
    if (revoked.has(principal.sessionId)) throw sessionEnded();
    return principal;
  };
}

function verifyWith(keys: JWTVerifyGetKey, now: () => number): TokenVerifier {
  return async (token) => {
    try {
      const payload = await verifyEs256Jwt(token, keys, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        now: Math.floor(now() / 1000),
      });
      const role = payload.role as Role;
      if (!KNOWN_ROLES.has(role) || typeof payload.sid !== 'string') {
        throw unauthenticated('The access token lacks a valid role or session.', 'INVALID_TOKEN');
      }
      return {
        userId: payload.sub!,
        role,
        sessionId: payload.sid,
        tokenId: payload.jti!,
        expiresAt: payload.exp!,
      };
    } catch (error) {
      throw toAuthError(error);
    }
  };
}

/**
 * Keys from the auth service's JWKS endpoint: cached, and fetched again when a token names a
 * key id the cache does not hold (key rotation), at most once per cooldown.
 */
export function remoteKeys(jwksUrl: string, options: { cooldownMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: 10 * 60_000,
    cooldownDuration: options.cooldownMs ?? 5_000,
    timeoutDuration: 3_000,
  });
}

function toAuthError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof JwtRefused && error.why === 'expired') return unauthenticated('The access token has expired.', 'TOKEN_EXPIRED');
  if (error instanceof JwtRefused) return unauthenticated('The access token is invalid.', 'INVALID_TOKEN');
  if (error instanceof errors.JWKSNoMatchingKey) {
    return unauthenticated('The access token was signed by an unknown key.', 'INVALID_TOKEN');
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return new DomainError(ErrorCode.UNAVAILABLE, 'Token keys cannot be fetched right now.', { reason: 'KEYS_UNAVAILABLE' });
  }
  if (error instanceof errors.JOSEError) {
    return unauthenticated('The access token is invalid.', 'INVALID_TOKEN');
  }
  if (error instanceof TypeError || (error as { code?: string }).code === 'ECONNREFUSED') {
    return new DomainError(ErrorCode.UNAVAILABLE, 'Token keys cannot be fetched right now.', { reason: 'KEYS_UNAVAILABLE' });
  }
  return unauthenticated('The access token is invalid.', 'INVALID_TOKEN');
}
