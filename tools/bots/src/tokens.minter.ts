import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';

/** Claims the auth service puts in every access token (see the kit's auth/roles). */
const ISSUER = 'clove-auth';
const AUDIENCE = 'clove';

/**
 * Buyer access tokens signed with the auth service's own current ES256 key, read from its
 * database: for runs of thousands of buyers, where an Argon2 sign-up and log-in each would
 * measure the auth service instead of the sale.
 */
export async function tokenMinter(authDatabaseUrl: string, lifetimeSeconds: number): Promise<() => Promise<string>> {
  const db = new pg.Client({ connectionString: authDatabaseUrl });
  await db.connect();
  let rows: Array<{ kid: string; private_jwk: JWK }>;
  try {
    ({ rows } = await db.query<{ kid: string; private_jwk: JWK }>(
      'select kid, private_jwk from auth.signing_keys where retired_at is null order by created_at desc, kid limit 1',
    ));
  } finally {
    await db.end();
  }
  const current = rows[0];
  if (!current) throw new Error('the auth database has no current signing key (auth.signing_keys)');
  const key = await importJWK(current.private_jwk, 'ES256');
  return async () => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: 'buyer', sid: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: current.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(randomUUID())
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(key);
  };
}
