import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError, ErrorCode, unauthenticated } from '../errors/domain-error.js';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ROLES, type Role } from './roles.js';

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

/** Verifies access tokens against a key source: the auth JWKS over HTTP, or local keys. */
export function createTokenVerifier(keys: JWTVerifyGetKey): TokenVerifier {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: [ACCESS_TOKEN_ALG],
        requiredClaims: ['sub', 'exp', 'jti'],
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
  if (error instanceof errors.JWTExpired) return unauthenticated('The access token has expired.', 'TOKEN_EXPIRED');
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
