import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import type { RunningPlatform } from './platform.js';

export interface Minter {
  /** An access token signed with the platform's real signing key. */
  token: (claims: { sub?: string; role: 'admin' | 'seller' | 'buyer'; expiresIn?: number }) => Promise<string>;
}

/**
 * Signs access tokens with the auth service's own key, read from its database: for tests that
 * need hundreds of distinct buyers without paying for hundreds of Argon2 sign-ups.
 */
export async function tokenMinter(platform: RunningPlatform): Promise<Minter> {
  const db = new pg.Client({ connectionString: (await platform.runtime()).databases.auth });
  await db.connect();
  const { rows } = await db.query<{ kid: string; private_jwk: JWK }>(
    'select kid, private_jwk from auth.signing_keys where retired_at is null order by created_at desc limit 1',
  );
  await db.end();
  const key = await importJWK(rows[0]!.private_jwk, 'ES256');
  return {
    token: async ({ sub = randomUUID(), role, expiresIn = 600 }) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ role, sid: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid: rows[0]!.kid })
        .setIssuer('clove-auth').setAudience('clove').setSubject(sub).setJti(randomUUID())
        .setIssuedAt(now).setExpirationTime(now + expiresIn)
        .sign(key);
    },
  };
}
