import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Role } from '@clove/kit';
import type { SigningKeys } from '../keys/signing-keys.js';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    readonly accessTtlSeconds: number,
    readonly refreshTtlSeconds: number,
  ) {}

  async accessToken(user: { id: string; role: Role }, sessionId: string): Promise<IssuedAccessToken> {
    const { kid, privateKey } = this.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: user.role, sid: sessionId })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: 'at+jwt' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(user.id)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.accessTtlSeconds)
      .sign(privateKey);
    return { token, expiresIn: this.accessTtlSeconds };
  }

  /** An opaque refresh token; only its hash is stored. */
  refreshToken(): { token: string; hash: Buffer; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token), expiresAt: new Date(Date.now() + this.refreshTtlSeconds * 1000) };
  }
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
