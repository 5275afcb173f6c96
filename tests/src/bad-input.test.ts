/**
 * Every bad input of the foundation issue gets a 4xx problem document that says what is wrong,
 * never a 5xx; and log-in does not reveal which emails exist, by answer or by timing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { PASSWORD, signUpAndLogIn, uniqueEmail, type Session } from './support/accounts.js';
import { get, post, request, type HttpResult } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

function assertProblem(result: HttpResult, status: number, code?: string) {
  assert.equal(result.status, status, result.text);
  assert.match(result.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(result.body.status, status);
  assert.ok(result.body.title && result.body.detail && result.body.type, 'a complete problem document');
  if (code) assert.equal(result.body.code, code);
}

function paths(result: HttpResult): string[] {
  return (result.body.errors ?? []).map((e: { path: string }) => e.path);
}

describe('bad input through the gateway', () => {
  let platform: RunningPlatform;
  let auth: string;
  let buyer: Session;

  before(async () => {
    platform = await startPlatform();
    auth = `${platform.gateway}/auth`;
    buyer = await signUpAndLogIn(platform.gateway, 'buyer');
  });
  after(async () => {
    await platform?.dispose();
  });

  describe('sign-up', () => {
    it('names every missing field', async () => {
      const result = await post(`${auth}/signup`, {});
      assertProblem(result, 400, 'VALIDATION_FAILED');
      assert.deepEqual(new Set(paths(result)), new Set(['/body/email', '/body/password', '/body/role']));
    });

    it('refuses wrong types without coercing them', async () => {
      const result = await post(`${auth}/signup`, { email: 12345, password: 1234567890123, role: 'buyer' });
      assertProblem(result, 400);
      assert.deepEqual(new Set(paths(result)), new Set(['/body/email', '/body/password']));
    });

    it('refuses an unknown role and lists the allowed ones', async () => {
      const result = await post(`${auth}/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'superuser' });
      assertProblem(result, 400);
      assert.deepEqual(result.body.errors, [{ path: '/body/role', message: 'must be one of: seller, buyer' }]);
    });

    it('refuses the NUL character in a field, naming it, and in a search', async () => {
      const result = await post(`${auth}/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'buyer', name: 'a\u0000b' });
      assertProblem(result, 400, 'VALIDATION_FAILED');
      assert.deepEqual(result.body.errors, [{ path: '/body/name', message: 'must not contain the NUL character (U+0000)' }]);
      assertProblem(await get(`${platform.gateway}/catalog/events?q=%00`), 400, 'VALIDATION_FAILED');
    });

    it('refuses a name that would not read as stored: control characters, a line break, a bidirectional override', async () => {
      for (const [name, message] of [
        ['Kim\u001b[2J', 'must be one line of text, without line breaks, tabs or other control characters (U+001B at character 4)'],
        ['Kim\nAdmin', 'must be one line of text, without line breaks, tabs or other control characters (U+000A at character 4)'],
        ['\u202Enimda', 'must not contain bidirectional formatting characters, which make text read otherwise than it is stored (U+202E at character 1)'],
      ]) {
        const result = await post(`${auth}/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'buyer', name });
        assertProblem(result, 400, 'VALIDATION_FAILED');
        assert.deepEqual(result.body.errors, [{ path: '/body/name', message }]);
      }
      const rtl = await post(`${auth}/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'buyer', name: 'דנה\u200F כהן' });
      assert.equal(rtl.status, 201, rtl.text);
    });

    it('refuses a malformed email and a short password', async () => {
      const result = await post(`${auth}/signup`, { email: 'not-an-email', password: '123456789', role: 'buyer' });
      assertProblem(result, 400);
      assert.deepEqual(new Set(paths(result)), new Set(['/body/email', '/body/password']));
      assert.match(result.body.detail, /fewer than 10 characters/);
    });

    it('refuses unknown fields, non-object bodies, invalid JSON, other media types and huge bodies', async () => {
      assertProblem(await post(`${auth}/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'buyer', isAdmin: true }), 400);
      assertProblem(await post(`${auth}/signup`, ['a', 'b']), 400);
      assertProblem(await request('POST', `${auth}/signup`, { raw: '{"email": ', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
      assertProblem(await request('POST', `${auth}/signup`, { raw: 'email=a', headers: { 'content-type': 'text/plain' } }), 415);
      const huge = { email: uniqueEmail(), password: PASSWORD, role: 'buyer', name: 'x'.repeat(2 * 1024 * 1024) };
      assertProblem(await post(`${auth}/signup`, huge), 413, 'BODY_TOO_LARGE');
    });
  });

  it('says a body must be sent as JSON when its content type is another or missing', async () => {
    const kinds: Array<Record<string, string>> = [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}];
    for (const headers of kinds) {
      const result = await request('POST', `${auth}/login`, { raw: 'email=a', headers });
      assertProblem(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(result.body.detail, /Content-Type: application\/json/);
    }
  });

  describe('log-in', () => {
    it('answers an unknown email exactly like a wrong password', async () => {
      const unknown = await post(`${auth}/login`, { email: uniqueEmail('ghost'), password: PASSWORD });
      const wrong = await post(`${auth}/login`, { email: buyer.email, password: 'wrong-password-1' });
      assertProblem(unknown, 401, 'INVALID_CREDENTIALS');
      assertProblem(wrong, 401, 'INVALID_CREDENTIALS');
      assert.equal(unknown.body.detail, wrong.body.detail);
    });

    it('takes about as long for an unknown email as for a known one', async () => {
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await post(`${auth}/login`, { email, password: 'wrong-password-1' });
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await time(buyer.email));
        unknown.push(await time(uniqueEmail('ghost')));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(unknown) / median(known);
      assert.ok(ratio > 0.5 && ratio < 2, `unknown/known median ratio ${ratio.toFixed(2)} (${median(unknown)} ms vs ${median(known)} ms)`);
    });

    it('refuses missing and malformed fields', async () => {
      const result = await post(`${auth}/login`, { email: 'nope' });
      assertProblem(result, 400);
      assert.deepEqual(new Set(paths(result)), new Set(['/body/email', '/body/password']));
    });
  });

  describe('tokens', () => {
    let realKey: { kid: string; jwk: JWK };

    before(async () => {
      const runtime = await platform.runtime();
      const db = new pg.Client({ connectionString: runtime.databases.auth });
      await db.connect();
      const { rows } = await db.query('select kid, private_jwk from auth.signing_keys where retired_at is null limit 1');
      await db.end();
      realKey = { kid: rows[0].kid, jwk: rows[0].private_jwk };
    });

    async function signWith(jwk: JWK, kid: string, claims: Record<string, unknown>, exp: number) {
      const key = await importJWK(jwk, 'ES256');
      return new SignJWT({ role: 'buyer', sid: '00000000-0000-0000-0000-000000000000', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer('clove-auth').setAudience('clove').setSubject(buyer.userId).setJti('t')
        .setIssuedAt(exp - 600).setExpirationTime(exp)
        .sign(key);
    }

    it('refuses a missing token or a wrong scheme', async () => {
      assertProblem(await get(`${auth}/me`), 401, 'TOKEN_MISSING');
      assertProblem(await request('GET', `${auth}/me`, { headers: { authorization: `Basic ${buyer.accessToken}` } }), 401, 'TOKEN_MISSING');
      assertProblem(await get(`${auth}/me`, 'garbage'), 401, 'INVALID_TOKEN');
    });

    it('refuses a tampered token', async () => {
      const [header, payload, signature] = buyer.accessToken.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
      assertProblem(await get(`${auth}/me`, `${header}.${forged}.${signature}`), 401, 'INVALID_TOKEN');
    });

    it('refuses alg:none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: buyer.userId, role: 'admin', iss: 'clove-auth', aud: 'clove', exp: 4_000_000_000 })).toString('base64url');
      assertProblem(await get(`${auth}/me`, `${header}.${payload}.`), 401, 'INVALID_TOKEN');
    });

    it('refuses a token signed by another key, even one claiming the real key id', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const other = await exportJWK(privateKey);
      const exp = Math.floor(Date.now() / 1000) + 300;
      assertProblem(await get(`${auth}/me`, await signWith(other, realKey.kid, {}, exp)), 401, 'INVALID_TOKEN');
      assertProblem(await get(`${auth}/me`, await signWith(other, 'some-other-kid', {}, exp)), 401, 'INVALID_TOKEN');
    });

    it('refuses an expired token signed by the real key', async () => {
      const expired = await signWith(realKey.jwk, realKey.kid, {}, Math.floor(Date.now() / 1000) - 60);
      assertProblem(await get(`${auth}/me`, expired), 401, 'TOKEN_EXPIRED');
    });

    it('refuses malformed and unknown refresh tokens', async () => {
      assertProblem(await post(`${auth}/refresh`, { refreshToken: 'short' }), 400);
      assertProblem(await post(`${auth}/refresh`, { refreshToken: randomBytes(32).toString('base64url') }), 401, 'INVALID_REFRESH_TOKEN');
      assertProblem(await post(`${auth}/logout`, { refreshToken: randomBytes(32).toString('base64url') }, buyer.accessToken), 401);
    });

    it('refuses logging out somebody else\u2019s session', async () => {
      const other = await signUpAndLogIn(platform.gateway, 'seller');
      assertProblem(await post(`${auth}/logout`, { refreshToken: other.refreshToken }, buyer.accessToken), 403, 'NOT_YOUR_SESSION');
      assert.equal((await get(`${auth}/me`, other.accessToken)).status, 200);
    });

    it('refuses deleting an account without the password field', async () => {
      const result = await request('DELETE', `${auth}/me`, { body: {}, token: buyer.accessToken });
      assertProblem(result, 400);
      assert.deepEqual(paths(result), ['/body/password']);
    });
  });

  it('answers unknown paths with a 404 problem', async () => {
    assertProblem(await get(`${platform.gateway}/no-such-service/x`), 404, 'ROUTE_NOT_FOUND');
    const unknown = await get(`${auth}/no-such-route?x=1`);
    assertProblem(unknown, 404, 'ROUTE_NOT_FOUND');
    assert.equal(unknown.body.detail, 'No route for GET /auth/no-such-route.', 'the path the client sent, gateway prefix and all');
  });
});
