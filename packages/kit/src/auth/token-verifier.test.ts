import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DomainError } from '../errors/domain-error.js';
import { RevokedSessions, revokedSessionsUrlOf } from './revoked-sessions.js';
import { createTokenVerifier, remoteKeys } from './token-verifier.js';

interface Key { kid: string; privateKey: CryptoKey; jwk: JWK }

async function newKey(): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } };
}

async function sign(key: Key, claims: Record<string, unknown> = {}, expiresIn = 300) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'buyer', sid: 'session-1', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer('clove-auth')
    .setAudience('clove')
    .setSubject('user-1')
    .setJti('token-1')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(key.privateKey);
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the token to be refused');
}

describe('token verification', () => {
  let key: Key;
  let verify: ReturnType<typeof createTokenVerifier>;
  before(async () => {
    key = await newKey();
    verify = createTokenVerifier(createLocalJWKSet({ keys: [key.jwk] }));
  });

  it('accepts a valid token and returns the principal', async () => {
    const principal = await verify(await sign(key));
    assert.deepEqual({ ...principal, expiresAt: 0 }, { userId: 'user-1', role: 'buyer', sessionId: 'session-1', tokenId: 'token-1', expiresAt: 0 });
  });

  it('refuses expired tokens', async () => {
    const error = await rejection(verify(await sign(key, {}, -60)));
    assert.equal(error.code, 'UNAUTHENTICATED');
    assert.equal(error.reason, 'TOKEN_EXPIRED');
  });

  it('refuses tampered tokens', async () => {
    const [header, payload, signature] = (await sign(key)).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const error = await rejection(verify(`${header}.${forged}.${signature}`));
    assert.equal(error.reason, 'INVALID_TOKEN');
  });

  it('refuses alg:none tokens', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', role: 'admin', sid: 's', jti: 'j', iss: 'clove-auth', aud: 'clove', exp: 9_999_999_999 })).toString('base64url');
    const error = await rejection(verify(`${header}.${payload}.`));
    assert.equal(error.code, 'UNAUTHENTICATED');
  });

  it('refuses tokens signed by another key, even under a known key id', async () => {
    const other = await newKey();
    const error = await rejection(verify(await sign({ ...other, kid: key.kid })));
    assert.equal(error.code, 'UNAUTHENTICATED');
    const unknownKid = await rejection(verify(await sign(other)));
    assert.equal(unknownKid.code, 'UNAUTHENTICATED');
  });

  it('refuses tokens with an unknown role or for another audience', async () => {
    assert.equal((await rejection(verify(await sign(key, { role: 'root' })))).code, 'UNAUTHENTICATED');
    const wrongAudience = await new SignJWT({ role: 'buyer', sid: 's' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer('clove-auth').setAudience('elsewhere').setSubject('u').setJti('j').setExpirationTime('5m')
      .sign(key.privateKey);
    assert.equal((await rejection(verify(wrongAudience))).code, 'UNAUTHENTICATED');
  });
});

describe('what a token must be', () => {
  let key: Key;
  let verify: ReturnType<typeof createTokenVerifier>;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: 'clove-auth', aud: 'clove', sub: 'user-1', jti: 'token-1', role: 'buyer', sid: 's', iat: now(), exp: now() + 300 });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A token with any header and claims, signed by the key (ECDSA P-256, SHA-256). */
  const craft = async (header: object, payload: object) => {
    const input = `${encode(header)}.${encode(payload)}`;
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, Buffer.from(input));
    return `${input}.${Buffer.from(signature).toString('base64url')}`;
  };
  const reason = async (token: string) => (await rejection(verify(token))).reason;
  before(async () => {
    key = await newKey();
    verify = createTokenVerifier(createLocalJWKSet({ keys: [key.jwk] }));
  });

  it('accepts a crafted token like the ones auth signs, and an audience list that names clove', async () => {
    assert.equal((await verify(await craft({ alg: 'ES256', kid: key.kid }, claims()))).userId, 'user-1');
    assert.equal((await verify(await craft({ alg: 'ES256', kid: key.kid }, { ...claims(), aud: ['other', 'clove'] }))).role, 'buyer');
  });

  it('refuses an HMAC token keyed with the public key (algorithm confusion)', async () => {
    const input = `${encode({ alg: 'HS256', kid: key.kid })}.${encode(claims())}`;
    const secret = JSON.stringify(key.jwk);
    const { createHmac } = await import('node:crypto');
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    assert.equal(await reason(token), 'INVALID_TOKEN');
  });

  it('refuses critical header extensions, and malformed tokens', async () => {
    assert.equal(await reason(await craft({ alg: 'ES256', kid: key.kid, crit: ['exp'] }, claims())), 'INVALID_TOKEN');
    const good = await craft({ alg: 'ES256', kid: key.kid }, claims());
    const [header, payload, signature] = good.split('.') as [string, string, string];
    for (const malformed of [
      `${header}.${payload}`,
      `${header}.${payload}.${signature}.${signature}`,
      `${header}.${payload}.${signature}=`,
      `${header}.${payload}.${signature.slice(0, 80)}`,
      `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`,
      `${encode('ES256')}.${payload}.${signature}`,
      `${header}.${encode([1, 2])}.${signature}`,
      `${header}.${Buffer.from('{"sub":').toString('base64url')}.${signature}`,
      `${header}.${payload}.${signature}`.replace('.', '.!'),
      '',
    ]) {
      assert.equal(await reason(malformed), 'INVALID_TOKEN', malformed);
    }
  });

  it('refuses tokens not valid yet, without an expiry, or from another issuer', async () => {
    const header = { alg: 'ES256', kid: key.kid };
    assert.equal(await reason(await craft(header, { ...claims(), nbf: now() + 60 })), 'INVALID_TOKEN');
    const { exp: _, ...noExpiry } = claims();
    assert.equal(await reason(await craft(header, noExpiry)), 'INVALID_TOKEN');
    assert.equal(await reason(await craft(header, { ...claims(), exp: String(now() + 300) })), 'INVALID_TOKEN');
    assert.equal(await reason(await craft(header, { ...claims(), iss: 'someone-else' })), 'INVALID_TOKEN');
    const { jti: __, ...noId } = claims();
    assert.equal(await reason(await craft(header, noId)), 'INVALID_TOKEN');
    assert.equal(await reason(await craft(header, { ...claims(), exp: now() })), 'TOKEN_EXPIRED', 'expired at this very second');
  });

  it('refuses a key set that hands out a key that is not P-256', async () => {
    const other = await generateKeyPair('ES384', { extractable: true });
    const wrongCurve = createTokenVerifier(async () => other.publicKey);
    assert.equal((await rejection(wrongCurve(await craft({ alg: 'ES256', kid: key.kid }, claims())))).reason, 'INVALID_TOKEN');
  });
});

describe('verified tokens reused', () => {
  it('checks a token once, then answers from memory until the reuse time or the expiry ends', async () => {
    const key = await newKey();
    const local = createLocalJWKSet({ keys: [key.jwk] });
    let lookups = 0;
    const counting: Parameters<typeof createTokenVerifier>[0] = (...args) => {
      lookups += 1;
      return local(...args);
    };
    const verify = createTokenVerifier(counting, { reuseForMs: 60_000 });
    const token = await sign(key);
    const first = await verify(token);
    assert.deepEqual(await verify(token), first);
    assert.equal(lookups, 1, 'the second request with the same token needed no signature check');

    // A token that expires in a minute is not reused past its expiry, whatever the reuse time.
    let clock = Date.now();
    const verifyAt = createTokenVerifier(local, { reuseForMs: 3_600_000, now: () => clock });
    const shortLived = await sign(key, {}, 60);
    await verifyAt(shortLived);
    clock += 61_000;
    const expired = await rejection(verifyAt(shortLived));
    assert.equal(expired.reason, 'TOKEN_EXPIRED');
  });

  it('still refuses forged tokens that share a verified token\'s claims', async () => {
    const key = await newKey();
    const verify = createTokenVerifier(createLocalJWKSet({ keys: [key.jwk] }), { reuseForMs: 60_000 });
    const token = await sign(key);
    await verify(token);
    const [header, payload] = token.split('.') as [string, string];
    assert.equal((await rejection(verify(`${header}.${payload}.${'A'.repeat(86)}`))).reason, 'INVALID_TOKEN');
  });
});

describe('remote JWKS', () => {
  let server: Server;
  let keys: JWK[] = [];
  let fetches = 0;
  before(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => server.close());

  it('caches keys and fetches again when a token names an unknown key id', async () => {
    const first = await newKey();
    keys = [first.jwk];
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    const verify = createTokenVerifier(remoteKeys(url, { cooldownMs: 0 }));
    await verify(await sign(first));
    await verify(await sign(first));
    assert.equal(fetches, 1, 'the second verification used the cached keys');

    const rotated = await newKey();
    keys = [first.jwk, rotated.jwk];
    const principal = await verify(await sign(rotated));
    assert.equal(principal.userId, 'user-1', 'a token signed by the rotated key verifies after the refetch');
    assert.equal(fetches, 2);
  });
});

describe('ended sessions (R4)', () => {
  let server: Server;
  let listed: string[] = [];
  let answer = 200;
  let url: string;
  before(async () => {
    server = createServer((req, res) => {
      assert.equal(req.url, '/auth/revoked-sessions');
      res.statusCode = answer;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sessions: listed, windowSeconds: 360 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = revokedSessionsUrlOf(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/jwks`);
  });
  after(() => server.close());

  it('refuses a token of a session the auth service lists as ended, also one verified before, and keeps the last list while auth fails', async () => {
    const key = await newKey();
    const revoked = new RevokedSessions(url);
    const verify = createTokenVerifier(createLocalJWKSet({ keys: [key.jwk] }), { reuseForMs: 60_000, revoked });
    const token = await sign(key, { sid: 'session-7' });
    assert.equal((await verify(token)).sessionId, 'session-7');

    listed = ['session-7'];
    await revoked.refresh();
    for (const attempt of [token, await sign(key, { sid: 'session-7' })]) {
      const error = await rejection(verify(attempt));
      assert.equal(error.reason, 'SESSION_REVOKED');
    }
    assert.equal((await verify(await sign(key, { sid: 'session-8' }))).sessionId, 'session-8', 'other sessions go on');

    answer = 503;
    listed = [];
    await revoked.refresh();
    assert.equal((await rejection(verify(token))).reason, 'SESSION_REVOKED', 'an answer that is not the list changes nothing');
    answer = 200;
    await revoked.refresh();
    assert.equal((await verify(token)).sessionId, 'session-7', 'a session out of the list (its tokens expired by then) is not refused');
  });
});

describe('following the ended sessions (R4)', () => {
  /** A stand-in auth that hands each read to the test, which answers it when it likes. */
  let server: Server;
  let url: string;
  const reads: Array<{ query: URLSearchParams; answer: (sessions: string[], revision?: string) => void }> = [];
  let nextRead: (() => void) | undefined;
  const readArrives = () => new Promise<void>((resolve) => {
    nextRead = resolve;
  });
  before(async () => {
    server = createServer((req, res) => {
      reads.push({
        query: new URL(req.url!, 'http://auth').searchParams,
        answer: (sessions, revision) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ sessions, windowSeconds: 360, ...(revision ? { revision } : {}) }));
        },
      });
      nextRead?.();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = revokedSessionsUrlOf(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/jwks`);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('keeps a read waiting with the revision it holds, and takes the answer the moment auth gives it', async () => {
    const revoked = new RevokedSessions(url);
    let arrived = readArrives();
    revoked.start();
    try {
      await arrived;
      assert.equal(reads[0]!.query.size, 0, 'the first read asks for the list as it is');
      arrived = readArrives();
      reads[0]!.answer(['session-3'], 'aaaaaaaaaaaaaaaa');
      await arrived;
      assert.equal(revoked.has('session-3'), true);
      assert.deepEqual([reads[1]!.query.get('after'), reads[1]!.query.get('waitSeconds')], ['aaaaaaaaaaaaaaaa', '20']);

      // auth answers the waiting read when a session ends; the next read waits on the new revision.
      arrived = readArrives();
      reads[1]!.answer(['session-3', 'session-4'], 'bbbbbbbbbbbbbbbb');
      await arrived;
      assert.equal(revoked.has('session-4'), true);
      assert.equal(reads[2]!.query.get('after'), 'bbbbbbbbbbbbbbbb');

      // Sessions ending one after another: the reads that follow an answer at once are spaced out.
      arrived = readArrives();
      const answeredAt = performance.now();
      reads[2]!.answer(['session-3', 'session-4', 'session-5'], 'cccccccccccccccc');
      await arrived;
      assert.ok(performance.now() - answeredAt >= 45, `the next read came ${performance.now() - answeredAt} ms after`);
      assert.equal(revoked.has('session-5'), true);

      // An auth that does not keep the read waiting (too many wait there) is read once a second, not in a loop.
      arrived = readArrives();
      const unchangedAt = performance.now();
      reads[3]!.answer(['session-3', 'session-4', 'session-5'], 'cccccccccccccccc');
      await arrived;
      assert.ok(performance.now() - unchangedAt >= 950, `the next read came ${performance.now() - unchangedAt} ms after`);
    } finally {
      revoked.stop();
    }
  });
});
