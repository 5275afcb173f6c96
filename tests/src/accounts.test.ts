/**
 * R1–R6 through the gateway of a real embedded platform: the account lifecycle, refresh
 * rotation and reuse detection, deletion, introspection, and a second service verifying
 * tokens through the JWKS.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createApp, createGuards, createTokenVerifier, principalOf, remoteKeys, type App } from '@clove/kit';
import { logIn, PASSWORD, signUpAndLogIn, uniqueEmail } from './support/accounts.js';
import { expectProblem, get, post, request } from './support/http.js';
import { REPO_ROOT, startPlatform, type RunningPlatform } from './support/platform.js';

const ADMIN_EMAIL = 'root@clove.test';
const ADMIN_PASSWORD = 'admin-password-123';

describe('accounts through the gateway', () => {
  let platform: RunningPlatform;
  let auth: string;
  const seenSecrets: string[] = [PASSWORD, ADMIN_PASSWORD];

  before(async () => {
    platform = await startPlatform({ env: { CLOVE_ADMIN_EMAIL: ADMIN_EMAIL, CLOVE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    auth = `${platform.gateway}/auth`;
  });
  after(async () => {
    await platform?.dispose();
  });

  it('signs up, logs in, refreshes, reads me and logs out', async () => {
    const email = uniqueEmail('ann');
    const signup = await post(`${auth}/signup`, { email, password: PASSWORD, role: 'buyer', name: 'Ann' });
    assert.equal(signup.status, 201);
    assert.deepEqual(Object.keys(signup.body.user).sort(), ['email', 'id', 'name', 'role']);
    assert.equal(signup.body.user.role, 'buyer');
    assert.equal(signup.text.includes(PASSWORD), false);

    const login = await post(`${auth}/login`, { email: email.toUpperCase(), password: PASSWORD });
    assert.equal(login.status, 200, 'emails are case-insensitive');
    assert.equal(login.body.tokenType, 'Bearer');
    assert.equal(login.body.expiresIn, 300);
    assert.equal(login.body.user.email, email);
    seenSecrets.push(login.body.accessToken, login.body.refreshToken);

    const me = await get(`${auth}/me`, login.body.accessToken);
    assert.equal(me.status, 200);
    assert.equal(me.body.id, signup.body.user.id);

    const refreshed = await post(`${auth}/refresh`, { refreshToken: login.body.refreshToken });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, login.body.refreshToken);
    assert.notEqual(refreshed.body.accessToken, login.body.accessToken);
    assert.equal((await get(`${auth}/me`, refreshed.body.accessToken)).status, 200);

    const logout = await post(`${auth}/logout`, { refreshToken: refreshed.body.refreshToken }, refreshed.body.accessToken);
    assert.equal(logout.status, 204);
    const afterLogout = await post(`${auth}/refresh`, { refreshToken: refreshed.body.refreshToken });
    assert.equal(afterLogout.status, 401);
    assert.equal((await get(`${auth}/me`, refreshed.body.accessToken)).status, 401, 'the session is over');
  });

  it('answers a waiting read of the ended sessions as soon as a session ends, and at its time limit when none does (R4)', async () => {
    const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
    const sessionId = JSON.parse(Buffer.from(buyer.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const now = await get(`${auth}/revoked-sessions`);
    assert.equal(now.status, 200);
    assert.match(now.body.revision, /^[0-9a-f]{16}$/);
    assert.equal(now.body.sessions.includes(sessionId), false);

    const waited = Date.now();
    const waiting = get(`${auth}/revoked-sessions?after=${now.body.revision}&waitSeconds=20`);
    assert.equal((await post(`${auth}/logout`, { refreshToken: buyer.refreshToken }, buyer.accessToken)).status, 204);
    const loggedOut = Date.now();
    const woken = await waiting;
    assert.equal(woken.status, 200);
    assert.ok(woken.body.sessions.includes(sessionId), 'the answer lists the session just ended');
    assert.notEqual(woken.body.revision, now.body.revision);
    assert.ok(Date.now() - loggedOut < 1_000, `answered ${Date.now() - loggedOut} ms after the log-out, ${Date.now() - waited} ms after it was sent`);

    const quiet = Date.now();
    const unchanged = await get(`${auth}/revoked-sessions?after=${woken.body.revision}&waitSeconds=1`);
    assert.equal(unchanged.status, 200);
    assert.ok(Date.now() - quiet >= 900, 'with nothing ended, the read waited its second');
    assert.ok(unchanged.body.sessions.includes(sessionId));

    const other = await get(`${auth}/revoked-sessions?after=0000000000000000&waitSeconds=20`);
    assert.ok(other.body.sessions.includes(sessionId), 'a caller behind gets the list at once');

    expectProblem(await get(`${auth}/revoked-sessions?after=${now.body.revision}&waitSeconds=26`), 400, 'VALIDATION_FAILED');
    const badRevision = await get(`${auth}/revoked-sessions?after=latest&waitSeconds=5`);
    expectProblem(badRevision, 400, 'VALIDATION_FAILED');
    assert.equal(badRevision.body.errors[0].path, '/querystring/after');
    expectProblem(await get(`${auth}/revoked-sessions?since=1`), 400, 'VALIDATION_FAILED');
  });

  it('refuses a duplicate email, in any letter case', async () => {
    const email = uniqueEmail('dup');
    assert.equal((await post(`${auth}/signup`, { email, password: PASSWORD, role: 'seller' })).status, 201);
    const again = await post(`${auth}/signup`, { email: email.toUpperCase(), password: PASSWORD, role: 'buyer' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'EMAIL_TAKEN');
  });

  it('creates the admin from the environment, and never by public sign-up', async () => {
    const admin = await logIn(platform.gateway, ADMIN_EMAIL, ADMIN_PASSWORD);
    assert.equal((await get(`${auth}/me`, admin.accessToken)).body.role, 'admin');
    const selfMade = await post(`${auth}/signup`, { email: uniqueEmail('wannabe'), password: PASSWORD, role: 'admin' });
    assert.equal(selfMade.status, 400);
    assert.equal(selfMade.body.errors[0].path, '/body/role');
    const takeover = await post(`${auth}/signup`, { email: ADMIN_EMAIL, password: PASSWORD, role: 'seller' });
    assert.equal(takeover.status, 409);
  });

  it('creates an admin with the bootstrap command, once, and never over another account', async () => {
    const run = (email: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [join(REPO_ROOT, 'services/auth/dist/bootstrap-admin.js'), '--email', email, '--state-dir', platform.stateDir], {
          env: { PATH: process.env.PATH, CLOVE_ADMIN_PASSWORD: 'second-admin-pass' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout!.on('data', (c) => (out += c));
        child.stderr!.on('data', (c) => (out += c));
        child.once('exit', (code) => resolve({ code, out }));
      });
    const email = uniqueEmail('ops');
    const created = await run(email);
    assert.equal(created.code, 0, created.out);
    assert.match(created.out, /created/);
    const admin = await logIn(platform.gateway, email, 'second-admin-pass');
    assert.equal((await get(`${auth}/me`, admin.accessToken)).body.role, 'admin');
    assert.match((await run(email)).out, /already exists/);

    const seller = await signUpAndLogIn(platform.gateway, 'seller');
    const refused = await run(seller.email);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /belongs to a seller account/);
    assert.equal((await get(`${auth}/me`, seller.accessToken)).body.role, 'seller', 'never promoted');
  });

  it('lets the admin, and only the admin, register images in the pool through the gateway', async () => {
    const admin = await logIn(platform.gateway, ADMIN_EMAIL, ADMIN_PASSWORD);
    const image = {
      name: 'box-office',
      source: { kind: 'builtin', service: 'ticketing' },
      spec: {
        className: 'TicketingService', role: 'control', linkableServices: [], methods: ['GET', 'POST', 'PUT', 'DELETE'],
        path: '/e/{slug}/', port: 4200, healthPath: '/readyz',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      },
    };
    const seller = await signUpAndLogIn(platform.gateway, 'seller');
    assert.equal((await post(`${platform.gateway}/pool/images`, image, seller.accessToken)).status, 403);
    const created = await post(`${platform.gateway}/pool/images`, image, admin.accessToken);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'ready');
    assert.equal((await get(`${platform.gateway}/pool/images/${created.body.id}`, admin.accessToken)).body.name, 'box-office');

    const builtin = await post(`${platform.gateway}/template/templates/builtin`, {}, admin.accessToken);
    assert.equal(builtin.status, 200, builtin.text);
    const listed = await get(`${platform.gateway}/template/templates`, seller.accessToken);
    assert.deepEqual(listed.body.map((t: { name: string }) => t.name).sort(), ['flash-sale', 'standard'], 'sellers read the templates');
    const yaml = await fetch(`${platform.gateway}/template/templates/${listed.body[0].id}?format=yaml`, { headers: { authorization: `Bearer ${seller.accessToken}` } });
    assert.match(await yaml.text(), /kind: Deployment/);
    const shipped = (await get(`${platform.gateway}/pool/images`, admin.accessToken)).body.find((i: { name: string }) => i.name === 'ticketing');
    assert.equal((await request('DELETE', `${platform.gateway}/pool/images/${shipped.id}`, { token: admin.accessToken })).status, 409, 'the built-in templates use the shipped image');
    assert.equal((await request('DELETE', `${platform.gateway}/pool/images/${created.body.id}`, { token: admin.accessToken })).status, 204, 'an unused image goes');
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const session = await signUpAndLogIn(platform.gateway, 'buyer');
    const rotated = await post(`${auth}/refresh`, { refreshToken: session.refreshToken });
    assert.equal(rotated.status, 200);

    const reused = await post(`${auth}/refresh`, { refreshToken: session.refreshToken });
    assert.equal(reused.status, 401);
    assert.equal(reused.body.code, 'REFRESH_TOKEN_REUSED');

    const successor = await post(`${auth}/refresh`, { refreshToken: rotated.body.refreshToken });
    assert.equal(successor.status, 401, 'the rotated token died with its family');
    assert.equal((await get(`${auth}/me`, rotated.body.accessToken)).status, 401);
  });

  it('lets exactly one of many simultaneous refreshes win, then revokes the family', async () => {
    const session = await signUpAndLogIn(platform.gateway, 'buyer');
    const results = await Promise.all(
      Array.from({ length: 25 }, () => post(`${auth}/refresh`, { refreshToken: session.refreshToken })),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 401).length, 24);
    const winner = results.find((r) => r.status === 200)!;
    assert.equal((await post(`${auth}/refresh`, { refreshToken: winner.body.refreshToken })).status, 401);
  });

  it('introspects for service clients and admins, seeing revocation', async () => {
    const session = await signUpAndLogIn(platform.gateway, 'seller');
    const secrets = JSON.parse(await readFile(join(platform.stateDir, 'secrets.json'), 'utf8'));
    const basic = `Basic ${Buffer.from(`platform:${secrets.introspectionSecret}`).toString('base64')}`;
    const introspect = (token: string, authorization: string) =>
      request('POST', `${auth}/introspect`, { body: { token }, headers: { authorization } });

    const active = await introspect(session.accessToken, basic);
    assert.equal(active.status, 200);
    assert.equal(active.body.active, true);
    assert.equal(active.body.sub, session.userId);
    assert.equal(active.body.role, 'seller');
    assert.equal((await introspect(session.refreshToken, basic)).body.token_type, 'refresh_token');
    assert.deepEqual((await introspect('not-a-token', basic)).body, { active: false });

    assert.equal((await introspect(session.accessToken, `Bearer ${session.accessToken}`)).status, 403, 'sellers may not introspect');
    assert.equal((await request('POST', `${auth}/introspect`, { body: { token: 'x' } })).status, 401);
    const admin = await logIn(platform.gateway, ADMIN_EMAIL, ADMIN_PASSWORD);
    assert.equal((await introspect(session.accessToken, `Bearer ${admin.accessToken}`)).body.active, true);

    await post(`${auth}/logout`, { refreshToken: session.refreshToken }, session.accessToken);
    assert.deepEqual((await introspect(session.accessToken, basic)).body, { active: false });

    const lookup = (authorization?: string) =>
      request('POST', `${auth}/users/lookup`, { body: { ids: [session.userId] }, headers: authorization ? { authorization } : {} });
    assert.deepEqual((await lookup(basic)).body.users, [{ id: session.userId, email: session.email, name: 'Test User', role: 'seller', deleted: false }]);
    const byEmail = await request('POST', `${auth}/users/lookup`, { body: { emails: [session.email.toUpperCase(), 'nobody@example.com'] }, headers: { authorization: basic } });
    assert.deepEqual(byEmail.body.users.map((u: { id: string }) => u.id), [session.userId], 'found by email in any letter case');
    assert.equal((await request('POST', `${auth}/users/lookup`, { body: {}, headers: { authorization: basic } })).status, 400);
    const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
    assert.equal((await lookup(`Bearer ${buyer.accessToken}`)).status, 403, 'users cannot look each other up');
    assert.equal((await lookup()).status, 401);
  });

  it('deletes an account: password re-checked, personal data erased, tokens dead at once', async () => {
    const email = uniqueEmail('leaving');
    const session = await signUpAndLogIn(platform.gateway, 'buyer', email);
    const second = await logIn(platform.gateway, email);

    const wrong = await request('DELETE', `${auth}/me`, { body: { password: 'not-my-password' }, token: session.accessToken });
    assert.equal(wrong.status, 403);
    assert.equal((await get(`${auth}/me`, session.accessToken)).status, 200, 'a wrong password deletes nothing');

    const deleted = await request('DELETE', `${auth}/me`, { body: { password: PASSWORD }, token: session.accessToken });
    assert.equal(deleted.status, 204);

    assert.equal((await get(`${auth}/me`, session.accessToken)).status, 401);
    assert.equal((await get(`${auth}/me`, second.accessToken)).status, 401, 'every session of the user ends');
    assert.equal((await post(`${auth}/refresh`, { refreshToken: second.refreshToken })).status, 401);
    assert.equal((await post(`${auth}/login`, { email, password: PASSWORD })).status, 401);
    const admin = await logIn(platform.gateway, ADMIN_EMAIL, ADMIN_PASSWORD);
    const introspection = await request('POST', `${auth}/introspect`, { body: { token: second.accessToken }, token: admin.accessToken });
    assert.deepEqual(introspection.body, { active: false });

    const runtime = await platform.runtime();
    const db = new pg.Client({ connectionString: runtime.databases.auth });
    await db.connect();
    try {
      const { rows } = await db.query('select email, name, password_hash, deleted_at from auth.users where id = $1', [session.userId]);
      assert.equal(rows.length, 1, 'the id stays for sellers\u2019 records');
      assert.equal(rows[0].email, null);
      assert.equal(rows[0].name, null);
      assert.equal(rows[0].password_hash, null);
      assert.ok(rows[0].deleted_at);
      const { rowCount } = await db.query(
        'select 1 from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id where s.user_id = $1',
        [session.userId],
      );
      assert.equal(rowCount, 0);
    } finally {
      await db.end();
    }
    assert.equal((await post(`${auth}/signup`, { email, password: PASSWORD, role: 'buyer' })).status, 201, 'the email is free again');
  });

  describe('a second service verifying tokens through the JWKS', () => {
    let other: App;
    before(async () => {
      other = await createApp({ name: 'other', silent: true });
      const guards = createGuards(createTokenVerifier(remoteKeys(`${auth}/jwks`)));
      other.get('/seller-only', { onRequest: guards.requireRole('seller') }, async (req) => ({ userId: principalOf(req).userId }));
      await other.ready();
    });
    after(() => other.close());

    it('accepts the right role, refuses the wrong role and bad tokens', async () => {
      const seller = await signUpAndLogIn(platform.gateway, 'seller');
      const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
      const call = (token?: string) =>
        other.inject({ url: '/seller-only', headers: token ? { authorization: `Bearer ${token}` } : {} });
      const ok = await call(seller.accessToken);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().userId, seller.userId);
      assert.equal((await call(buyer.accessToken)).statusCode, 403);
      assert.equal((await call()).statusCode, 401);
      assert.equal((await call(`${seller.accessToken.slice(0, -4)}AAAA`)).statusCode, 401);
    });
  });

  it('writes no password, token or email into any log', async () => {
    const logDir = join(platform.stateDir, 'logs');
    const logs = (await Promise.all((await readdir(logDir)).map((f) => readFile(join(logDir, f), 'utf8')))).join('\n');
    assert.ok(logs.includes('"service":"auth"'), 'the auth service logged requests');
    for (const secret of seenSecrets) assert.equal(logs.includes(secret), false, 'a secret reached the logs');
    const email = /[^\n]{0,200}[a-z0-9-]+@example\.com[^\n]{0,100}/.exec(logs);
    assert.equal(email, null, `an email reached the logs: ${email?.[0]}`);
  });
});
