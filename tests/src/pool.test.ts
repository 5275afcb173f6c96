/**
 * R13–R16: the image pool against a real PostgreSQL, through inject. Git sources are cloned
 * from throw-away repositories served over git's smart HTTP protocol (`git http-backend` behind
 * a tiny server: the dumb protocol cannot serve the shallow clone the pool asks for).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from './support/http.js';
import { startTestIssuer, type TestIssuer } from './support/issuer.js';
import { buildApp, type PoolApp } from '../../services/pool/dist/app.js';
import { loadPoolConfig } from '../../services/pool/dist/config.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';

const SERVICE_TOKEN = 'templates-service-token-0123456789';
const HANG_SCRIPT = 'node -e "setTimeout(()=>{},60000)"';

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

/** Serves every bare repository under `root` over smart HTTP, through git's own CGI program. */
function gitHttpServer(root: string): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_ADDR: '127.0.0.1',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: String(request.headers['content-encoding'] ?? ''),
    };
    if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    request.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else response.setHeader(name, value);
      }
      response.writeHead(status);
      response.write(head.subarray(end + 4));
    });
    cgi.on('close', () => response.end());
  });
}

/** A bare repository `<root>/<name>.git` whose package builds with `script`, tagged v1. */
function makeRepository(root: string, name: string, script: string, folder = '.'): string {
  const work = join(root, `${name}-src`);
  const project = join(work, folder);
  mkdirSync(project, { recursive: true });
  const pkg = { name, version: '1.0.0', private: true, scripts: { build: script } };
  const lock = { name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0' } } };
  writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2));
  const git = (args: string[], cwd = work) => execFileSync('git', args, { cwd, stdio: 'ignore' });
  git(['init', '-q', '-b', 'main']);
  git(['add', '.']);
  git(['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'initial']);
  git(['tag', 'v1']);
  git(['clone', '-q', '--bare', work, join(root, `${name}.git`)], root);
  git(['update-server-info'], join(root, `${name}.git`));
  return `${name}.git`;
}

/** Processes whose working folder is inside `dir` (zombies have none and do not count). */
function processesIn(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return found;
}

function imageBody(name: string, source: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    name,
    source,
    spec: {
      className: 'PerformanceBoundary',
      role: 'boundary',
      linkableServices: ['seat-inventory'],
      methods: ['GET', 'POST'],
      path: '/e/{slug}/',
      port: 8080,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      ...spec,
    },
  };
}

interface ImageView {
  id: string;
  name: string;
  source: Record<string, unknown>;
  spec: Record<string, unknown>;
  status: 'building' | 'ready' | 'failed';
  statusReason: string | null;
  createdAt: string;
}

describe('pool', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let gitServer: Server;
  let root: string;
  let workDir: string;
  let gitHost: string;
  let jwksUrl: string;
  let databaseUrl: string;
  let pool: PoolApp;
  let admin: string;

  const configFor = (extra: Record<string, string>) => loadPoolConfig({
    DATABASE_URL: databaseUrl,
    AUTH_JWKS_URL: jwksUrl,
    POOL_SERVICE_TOKENS: SERVICE_TOKEN,
    POOL_GIT_ALLOWED_HOSTS: `git.example.com, ${gitHost}`,
    ...extra,
  });

  before(async () => {
    db = await startTestDatabase();
    issuer = await startTestIssuer();
    jwksUrl = issuer.jwksUrl;

    root = await mkdtemp(join(tmpdir(), 'clove-pool-test-'));
    const repos = join(root, 'repos');
    await mkdir(repos);
    makeRepository(repos, 'good', 'node -e "require(\'fs\').writeFileSync(\'built.txt\',\'ok\')"', 'service');
    makeRepository(repos, 'broken', 'node -e "console.error(\'the broken build says no\'); process.exit(1)"');
    makeRepository(repos, 'slow', HANG_SCRIPT);
    gitServer = gitHttpServer(repos);
    await listen(gitServer);
    gitHost = `127.0.0.1:${portOf(gitServer)}`;

    workDir = join(root, 'work');
    databaseUrl = await db.createDatabase('pool_test');
    pool = await buildApp(configFor({ POOL_WORK_DIR: workDir }), { silent: true });
    admin = await tokenFor('admin');
  });
  after(async () => {
    await pool?.close();
    await issuer?.close();
    gitServer?.close();
    await db?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const tokenFor = (role: 'buyer' | 'seller' | 'admin', userId?: string) => issuer.tokenFor(role, userId);

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: unknown, app: PoolApp = pool) =>
    app.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload: payload as object } : {}) });

  async function register(body: unknown, app: PoolApp = pool): Promise<ImageView> {
    const response = await call('POST', '/images', admin, body, app);
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  }

  async function settled(id: string, app: PoolApp = pool, timeoutMs = 60_000): Promise<ImageView> {
    return eventually(async () => {
      const response = await call('GET', `/images/${id}`, admin, undefined, app);
      assert.equal(response.statusCode, 200, response.body);
      const image = response.json<ImageView>();
      return image.status !== 'building' ? image : undefined;
    }, timeoutMs, `image ${id} to finish building`);
  }

  const fieldsOf = (body: string) => (JSON.parse(body) as { errors?: Array<{ path: string }> }).errors?.map((e) => e.path) ?? [];

  it('lets admins register builtin and container images, and no one else', async () => {
    const builtin = await register(imageBody('ticketing', { kind: 'builtin', service: 'ticketing' }));
    assert.equal(builtin.status, 'ready');
    assert.equal(builtin.statusReason, null);
    assert.deepEqual(builtin.source, { kind: 'builtin', service: 'ticketing' });
    assert.equal(builtin.spec.healthPath, '/readyz');
    const reference = `ghcr.io/clove/seat-inventory:1.4@sha256:${'ab'.repeat(32)}`;
    const container = await register(imageBody('seat-inventory', { kind: 'container', reference }, { role: 'entity', linkableServices: [] }));
    assert.equal(container.status, 'ready');
    assert.deepEqual(container.source, { kind: 'container', reference });

    const body = imageBody('someone-else', { kind: 'builtin', service: 'ticketing' });
    for (const role of ['seller', 'buyer'] as const) {
      const token = await tokenFor(role);
      assert.equal((await call('POST', '/images', token, body)).statusCode, 403, role);
      assert.equal((await call('GET', '/images', token)).statusCode, 403, role);
      assert.equal((await call('GET', `/images/${builtin.id}`, token)).statusCode, 403, role);
      assert.equal((await call('GET', `/images/${builtin.id}/build-log`, token)).statusCode, 403, role);
      assert.equal((await call('DELETE', `/images/${builtin.id}`, token)).statusCode, 403, role);
      assert.equal((await call('PUT', `/images/${builtin.id}/usages/${randomUUID()}`, token)).statusCode, 403, role);
    }
    assert.equal((await call('POST', '/images', undefined, body)).statusCode, 401);
    assert.equal((await call('GET', '/images')).statusCode, 401);
    assert.equal((await call('GET', `/images/${builtin.id}`)).statusCode, 401);
    assert.equal((await call('GET', `/images/${builtin.id}`, 'not-a-token')).statusCode, 401);
    assert.equal((await call('DELETE', `/images/${builtin.id}`)).statusCode, 401);

    // The templates service reads images with its service token and registers built-in
    // services (to ship the built-in templates); everything else is the admin's.
    const read = await call('GET', `/images/${container.id}`, SERVICE_TOKEN);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json<ImageView>().name, 'seat-inventory');
    assert.equal((await call('GET', '/images', SERVICE_TOKEN)).json<ImageView[]>().length, 2);
    const foreign = await call('POST', '/images', SERVICE_TOKEN, imageBody('from-a-service', { kind: 'container', reference: 'ghcr.io/clove/x:1' }));
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json<{ code: string }>().code, 'WRONG_CALLER');
    assert.equal((await call('POST', '/images', SERVICE_TOKEN, body)).statusCode, 201);
    assert.equal((await call('DELETE', `/images/${container.id}`, SERVICE_TOKEN)).statusCode, 403);
    assert.equal((await call('GET', '/images', admin)).json<ImageView[]>().length, 3);
  });

  it('names the field of a bad source or spec', async () => {
    const cases: Array<[unknown, string]> = [
      [imageBody('unknown-builtin', { kind: 'builtin', service: 'payments' }), '/body/source/service'],
      [imageBody('upper-case', { kind: 'container', reference: 'ghcr.io/Clove/app:1' }), '/body/source/reference'],
      [imageBody('untagged', { kind: 'container', reference: 'nginx' }), '/body/source/reference'],
      [imageBody('spaced', { kind: 'container', reference: 'nginx :1' }), '/body/source/reference'],
      [imageBody('too-long', { kind: 'container', reference: `${'a'.repeat(250)}:1.0.0` }), '/body/source/reference'],
      [imageBody('low-limits', { kind: 'builtin', service: 'ticketing' }, {
        resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '0.25', memory: '512Mi' } },
      }), '/body/spec/resources/limits/cpu'],
      [imageBody('low-memory', { kind: 'builtin', service: 'ticketing' }, {
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '512Mi' } },
      }), '/body/spec/resources/limits/memory'],
      [imageBody('bad-cpu', { kind: 'builtin', service: 'ticketing' }, {
        resources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      }), '/body/spec/resources/requests/cpu'],
      [imageBody('no-methods', { kind: 'builtin', service: 'ticketing' }, { methods: [] }), '/body/spec/methods'],
      [imageBody('twice', { kind: 'builtin', service: 'ticketing' }, { methods: ['GET', 'GET'] }), '/body/spec/methods'],
      [imageBody('bad-port', { kind: 'builtin', service: 'ticketing' }, { port: 70000 }), '/body/spec/port'],
      [imageBody('bad-path', { kind: 'builtin', service: 'ticketing' }, { path: 'e/{slug}' }), '/body/spec/path'],
      [imageBody('bad-health', { kind: 'builtin', service: 'ticketing' }, { healthPath: 'readyz' }), '/body/spec/healthPath'],
      [imageBody('Bad_Name', { kind: 'builtin', service: 'ticketing' }), '/body/name'],
      [imageBody('self-link', { kind: 'builtin', service: 'ticketing' }, { linkableServices: ['self-link'] }), '/body/spec/linkableServices'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/images', admin, body);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.ok(fieldsOf(response.body).includes(field), `${field}: ${response.body}`);
    }
  });

  it('lists newest first, shows, deletes, and keeps names unique', async () => {
    const first = await register(imageBody('listed-first', { kind: 'container', reference: 'nginx:1.27' }));
    const second = await register(imageBody('listed-second', { kind: 'container', reference: 'redis:7' }));
    const taken = await call('POST', '/images', admin, imageBody('listed-first', { kind: 'builtin', service: 'ticketing' }));
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json<{ code: string }>().code, 'IMAGE_NAME_TAKEN');

    const list = (await call('GET', '/images', admin)).json<ImageView[]>();
    const names = list.map((image) => image.name);
    assert.ok(names.indexOf('listed-second') < names.indexOf('listed-first'), names.join());
    const shown = await call('GET', `/images/${first.id}`, admin);
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), first);

    const noLog = await call('GET', `/images/${first.id}/build-log`, admin);
    assert.equal(noLog.statusCode, 404);
    assert.equal((await call('GET', `/images/${randomUUID()}`, admin)).statusCode, 404);
    assert.equal((await call('GET', '/images/not-a-uuid', admin)).statusCode, 400);
    assert.equal((await call('DELETE', `/images/${randomUUID()}`, admin)).statusCode, 404);

    assert.equal((await call('DELETE', `/images/${second.id}`, admin)).statusCode, 204);
    assert.equal((await call('GET', `/images/${second.id}`, admin)).statusCode, 404);
    // The name is free again.
    await register(imageBody('listed-second', { kind: 'container', reference: 'redis:7.2' }));
  });

  it('refuses unsafe git sources before anything is cloned', async () => {
    const good = `http://${gitHost}/good.git`;
    const cases: Array<[Record<string, unknown>, number, string | null]> = [
      [{ url: 'file:///etc', ref: 'v1' }, 400, '/body/source/url'],
      [{ url: `file://${root}/repos/good.git`, ref: 'v1' }, 400, '/body/source/url'],
      [{ url: 'ext::sh -c touch% /tmp/pwned', ref: 'v1' }, 400, '/body/source/url'],
      [{ url: `git://${gitHost}/good.git`, ref: 'v1' }, 400, '/body/source/url'],
      [{ url: `ssh://git@${gitHost}/good.git`, ref: 'v1' }, 400, '/body/source/url'],
      [{ url: `git@127.0.0.1:good.git`, ref: 'v1' }, 400, '/body/source/url'],
      [{ url: `http://user:secret@${gitHost}/good.git`, ref: 'v1' }, 400, '/body/source/url'],
      [{ url: 'https://evil.example.org/good.git', ref: 'v1' }, 403, null],
      [{ url: `http://127.0.0.1:1/good.git`, ref: 'v1' }, 403, null],
      [{ url: good, ref: '--upload-pack=touch /tmp/pwned' }, 400, '/body/source/ref'],
      [{ url: good, ref: 'v1..main' }, 400, '/body/source/ref'],
      [{ url: good, ref: 'v1', path: '/etc' }, 400, '/body/source/path'],
      [{ url: good, ref: 'v1', path: '../outside' }, 400, '/body/source/path'],
      [{ url: good, ref: 'v1', path: 'service/../../outside' }, 400, '/body/source/path'],
    ];
    for (const [source, status, field] of cases) {
      const response = await call('POST', '/images', admin, imageBody(`refused-${randomUUID().slice(0, 8)}`, { kind: 'git', ...source }));
      const what = `${JSON.stringify(source)}: ${response.body}`;
      assert.equal(response.statusCode, status, what);
      if (field) assert.deepEqual(fieldsOf(response.body), [field], what);
      else assert.equal(response.json<{ code: string }>().code, 'GIT_HOST_NOT_ALLOWED', what);
    }
    assert.equal(existsSync(workDir), false, 'nothing was cloned or built');
    assert.ok(!(await call('GET', '/images', admin)).json<ImageView[]>().some((image) => image.name.startsWith('refused-')));
  });

  it('builds a git source served over HTTP', async () => {
    const image = await register(imageBody('from-git', { kind: 'git', url: `http://${gitHost}/good.git`, ref: 'v1', path: './service/' }));
    assert.equal(image.status, 'building');
    assert.deepEqual(image.source, { kind: 'git', url: `http://${gitHost}/good.git`, ref: 'v1', path: 'service' });
    const done = await settled(image.id);
    const log = await call('GET', `/images/${image.id}/build-log`, admin);
    assert.equal(done.status, 'ready', log.body);
    assert.equal(done.statusReason, null);
    assert.equal(log.statusCode, 200);
    assert.match(String(log.headers['content-type']), /^text\/plain/);
    assert.match(log.body, /git .*clone --depth 1 --branch v1 -- /);
    assert.match(log.body, /\$ npm ci/);
    assert.match(log.body, /\$ npm run build/);
    assert.match(log.body, /> good@1.0.0 build/);
    assert.equal(readFileSync(join(workDir, image.id, 'service', 'built.txt'), 'utf8'), 'ok');

    // Deleting the image removes its checkout.
    assert.equal((await call('DELETE', `/images/${image.id}`, admin)).statusCode, 204);
    assert.equal(existsSync(join(workDir, image.id)), false);
  });

  it('records failed builds with their output', async () => {
    const broken = await register(imageBody('broken-build', { kind: 'git', url: `http://${gitHost}/broken.git`, ref: 'main' }));
    const missingRef = await register(imageBody('missing-ref', { kind: 'git', url: `http://${gitHost}/good.git`, ref: 'no-such-tag' }));
    const missingPath = await register(imageBody('missing-path', { kind: 'git', url: `http://${gitHost}/good.git`, ref: 'v1', path: 'nowhere' }));

    const failed = await settled(broken.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.statusReason, 'npm run build exited with code 1');
    const log = (await call('GET', `/images/${broken.id}/build-log`, admin)).body;
    assert.match(log, /the broken build says no/);
    assert.match(log, /Build failed: npm run build exited with code 1/);

    const noRef = await settled(missingRef.id);
    assert.equal(noRef.status, 'failed');
    assert.match(noRef.statusReason ?? '', /^git clone exited with code \d+$/);
    assert.match((await call('GET', `/images/${missingRef.id}/build-log`, admin)).body, /no-such-tag/);

    const noPath = await settled(missingPath.id);
    assert.equal(noPath.status, 'failed');
    assert.match(noPath.statusReason ?? '', /nowhere is not a folder/);
  });

  it('kills a build that exceeds the time limit, with everything it started', async () => {
    const slowWork = join(root, 'work-slow');
    const slowPool = await buildApp(configFor({ DB_SCHEMA: 'pool_slow', POOL_WORK_DIR: slowWork, POOL_BUILD_TIMEOUT_MS: '5000' }), { silent: true });
    try {
      const image = await register(imageBody('slow-build', { kind: 'git', url: `http://${gitHost}/slow.git`, ref: 'v1' }), slowPool);
      const started = Date.now();
      // The probe sees the build while it runs, so its empty answer afterwards means something.
      const folder = join(slowWork, image.id);
      while (processesIn(folder).length === 0) {
        assert.ok(Date.now() - started < 5_000, 'the build was never seen running');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const done = await settled(image.id, slowPool);
      assert.equal(done.status, 'failed');
      assert.match(done.statusReason ?? '', /time limit of 5000 ms/);
      assert.ok(Date.now() - started < 20_000);
      const log = (await call('GET', `/images/${image.id}/build-log`, admin, undefined, slowPool)).body;
      assert.match(log, /killed: time limit exceeded/);
      assert.match(log, /\$ npm run build/);
      assert.deepEqual(processesIn(folder), [], 'no build process is left');
    } finally {
      await slowPool.close();
    }
  });

  it('keeps images in use by templates', async () => {
    const image = await register(imageBody('used-image', { kind: 'builtin', service: 'ticketing' }));
    const template = randomUUID();
    const usage = `/images/${image.id}/usages/${template}`;
    assert.equal((await call('PUT', usage, SERVICE_TOKEN)).statusCode, 204);
    assert.equal((await call('PUT', usage, SERVICE_TOKEN)).statusCode, 204);
    assert.equal((await call('PUT', usage, admin)).statusCode, 403);
    assert.equal((await call('PUT', usage)).statusCode, 401);
    assert.equal((await call('DELETE', usage, admin)).statusCode, 403);
    assert.equal((await call('PUT', `/images/${randomUUID()}/usages/${template}`, SERVICE_TOKEN)).statusCode, 404);

    const inUse = await call('DELETE', `/images/${image.id}`, admin);
    assert.equal(inUse.statusCode, 409);
    const problem = inUse.json<{ code: string; detail: string; templates: string[] }>();
    assert.equal(problem.code, 'IMAGE_IN_USE');
    assert.deepEqual(problem.templates, [template]);
    assert.match(problem.detail, new RegExp(template));

    assert.equal((await call('DELETE', usage, SERVICE_TOKEN)).statusCode, 204);
    assert.equal((await call('DELETE', usage, SERVICE_TOKEN)).statusCode, 204);
    assert.equal((await call('DELETE', `/images/${image.id}`, admin)).statusCode, 204);
    assert.equal((await call('PUT', usage, SERVICE_TOKEN)).statusCode, 404);
  });

  it('fails builds a crash left unfinished when it starts again', async () => {
    const config = configFor({ DB_SCHEMA: 'pool_crash', POOL_WORK_DIR: join(root, 'work-crash') });
    const first = await buildApp(config, { silent: true });
    const id = randomUUID();
    await first.pool.query(
      `insert into images (id, name, source, spec, status) values ($1, 'crashed', $2, $3, 'building')`,
      [id, JSON.stringify({ kind: 'git', url: `http://${gitHost}/good.git`, ref: 'v1', path: '.' }), JSON.stringify({ ...imageBody('crashed', {}).spec, healthPath: '/readyz' })],
    );
    await first.close();
    const second = await buildApp(config, { silent: true });
    try {
      const image = (await call('GET', `/images/${id}`, admin, undefined, second)).json<ImageView>();
      assert.equal(image.status, 'failed');
      assert.equal(image.statusReason, 'interrupted');
    } finally {
      await second.close();
    }
  });
});
