/** R5: signing keys live in the auth schema, carry key ids, and rotate without breaking tokens. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPool, createTokenVerifier, type Pool } from '@clove/kit';
import { SigningKeys } from '../../services/auth/dist/keys/signing-keys.js';
import { TokenIssuer } from '../../services/auth/dist/tokens/token-issuer.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

describe('signing keys', () => {
  let platform: RunningPlatform;
  let pool: Pool;
  before(async () => {
    platform = await startPlatform();
    pool = createPool({ connectionString: (await platform.runtime()).databases.auth!, schema: 'auth' });
  });
  after(async () => {
    await pool?.end();
    await platform?.dispose();
  });

  it('generated one key on first start and publishes it with its id', async () => {
    const { rows } = await pool.query('select kid, alg from signing_keys');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].alg, 'ES256');
    const jwks = (await (await fetch(`${platform.gateway}/auth/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    assert.deepEqual(jwks.keys.map((k) => k.kid), [rows[0].kid]);
    assert.equal(jwks.keys[0]!.d, undefined, 'no private part is published');
  });

  it('rotates: the new key signs, tokens of the old one still verify until it is retired', async () => {
    const keys = new SigningKeys(pool);
    await keys.load();
    const issuer = new TokenIssuer(keys, 300, 3600);
    const user = { id: '00000000-0000-4000-8000-000000000001', role: 'buyer' as const };
    const oldToken = (await issuer.accessToken(user, 'session')).token;
    const oldKid = keys.signingKey().kid;

    const newKid = await keys.rotate();
    assert.notEqual(newKid, oldKid);
    const newToken = (await issuer.accessToken(user, 'session')).token;
    const header = JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString());
    assert.equal(header.kid, newKid);

    const verify = createTokenVerifier(keys.verificationKeys());
    assert.equal((await verify(oldToken)).userId, user.id);
    assert.equal((await verify(newToken)).userId, user.id);

    await keys.retireAllBut(newKid);
    await assert.rejects(verify(oldToken), /signed by an unknown key|invalid/);
    assert.deepEqual(keys.jwks().keys.map((k) => k.kid), [newKid]);
  });
});
