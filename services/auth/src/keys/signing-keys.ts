import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { ACCESS_TOKEN_ALG, withTransaction, type Pool } from '@clove/kit';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * The auth service's signing keys (R5). The newest unretired key signs; every unretired key
 * is published in the JWKS so tokens signed before a rotation still verify.
 */
export class SigningKeys {
  private current: SigningKey | null = null;
  private published: JSONWebKeySet = { keys: [] };
  private localSet: JWTVerifyGetKey = createLocalJWKSet({ keys: [] });

  constructor(private readonly pool: Pool) {}

  /** Loads the keys, generating the first one on first start. */
  async load(): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(`select pg_advisory_xact_lock(hashtext('clove-auth-signing-keys'))`);
      const { rowCount } = await client.query('select 1 from signing_keys where retired_at is null');
      if (!rowCount) await insertNewKey(client);
    });
    await this.reload();
  }

  /** Adds a new signing key; the previous keys keep verifying until retired. */
  async rotate(): Promise<string> {
    const kid = await insertNewKey(this.pool);
    await this.reload();
    return kid;
  }

  /** Stops publishing keys older than the given key (after access tokens signed with them expired). */
  async retireAllBut(kid: string): Promise<void> {
    await this.pool.query('update signing_keys set retired_at = now() where kid <> $1 and retired_at is null', [kid]);
    await this.reload();
  }

  signingKey(): SigningKey {
    if (!this.current) throw new Error('signing keys not loaded');
    return this.current;
  }

  jwks(): JSONWebKeySet {
    return this.published;
  }

  /** Verification keys for tokens this service checks itself. */
  verificationKeys(): JWTVerifyGetKey {
    return (header, token) => this.localSet(header, token);
  }

  private async reload(): Promise<void> {
    const { rows } = await this.pool.query<{ kid: string; public_jwk: JWK; private_jwk: JWK }>(
      'select kid, public_jwk, private_jwk from signing_keys where retired_at is null order by created_at desc, kid',
    );
    const newest = rows[0];
    if (!newest) throw new Error('no signing key');
    this.current = {
      kid: newest.kid,
      privateKey: (await importJWK(newest.private_jwk, ACCESS_TOKEN_ALG)) as CryptoKey,
    };
    this.published = { keys: rows.map((row) => row.public_jwk) };
    this.localSet = createLocalJWKSet(this.published);
  }
}

async function insertNewKey(db: Pick<Pool, 'query'>): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALG };
  await db.query('insert into signing_keys (kid, alg, public_jwk, private_jwk) values ($1, $2, $3, $4)', [
    kid,
    ACCESS_TOKEN_ALG,
    { ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' },
    privateJwk,
  ]);
  return kid;
}
