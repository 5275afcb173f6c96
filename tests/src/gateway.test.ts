/**
 * The gateway: a route table changed at run time without restarts and kept across them,
 * streaming both ways, request ids forwarded, and 502/504/413 problems when an upstream is
 * down, slow, or sent too much.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eventually, get, request, type HttpResult } from './support/http.js';
import { freePortRange } from './support/ports.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

interface Upstream {
  url: string;
  server: Server;
  release: () => void;
}

async function upstream(name: string, handler?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void, port = 0): Promise<Upstream> {
  const waiting: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (handler) return handler(req, res, body);
      if (req.url?.startsWith('/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: first\n\n');
        waiting.push(res);
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        name,
        method: req.method,
        url: req.url,
        headers: req.headers,
        bodyLength: body.length,
        bodySha256: createHash('sha256').update(body).digest('hex'),
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    release: () => waiting.splice(0).forEach((res) => res.end('data: last\n\n')),
  };
}

describe('gateway', () => {
  let platform: RunningPlatform;
  let admin: (method: string, path: string, body?: unknown) => Promise<HttpResult>;
  let echo: Upstream;
  let echo2: Upstream;
  let slow: Upstream;

  before(async () => {
    platform = await startPlatform({ env: { GATEWAY_UPSTREAM_TIMEOUT_MS: '800' } });
    const token = await platform.gatewayAdminToken();
    admin = (method, path, body) => request(method, `${platform.gatewayAdmin}${path}`, { body, token });
    echo = await upstream('one');
    echo2 = await upstream('two');
    slow = await upstream('slow', (_req, res) => {
      const timer = setTimeout(() => res.end('late'), 3_000);
      res.on('close', () => clearTimeout(timer));
    });
  });
  after(async () => {
    echo?.release();
    for (const u of [echo, echo2, slow]) u?.server.closeAllConnections();
    await platform?.dispose();
    for (const u of [echo, echo2, slow]) u?.server.close();
  });

  it('keeps an idle connection open 65 s, longer than a client pool keeps one (30 s), so a request never meets a connection being closed', async () => {
    const answer = await fetch(`${platform.gateway}/auth/jwks`);
    await answer.arrayBuffer();
    assert.equal(answer.headers.get('keep-alive'), 'timeout=65');
  });

  it('documents every platform route at the path the gateway serves it under', async () => {
    for (const prefix of ['/auth', '/catalog', '/pool', '/template', '/deploy', '/monitor']) {
      const docs = await get(`${platform.gateway}${prefix}/docs/openapi.json`);
      assert.equal(docs.status, 200, prefix);
      const server = (docs.body.servers[0].url as string).replace(/\/$/, '');
      const paths = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>);
      assert.ok(paths.length > 0, prefix);
      for (const [path, operations] of paths) {
        assert.match(path, /^\//, `${prefix} docs: a path starts with /`);
        // Without a token or a body, nothing changes; a route that exists answers anything but 404 ROUTE_NOT_FOUND.
        const url = `${platform.gateway}${server}${path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
        for (const method of Object.keys(operations)) {
          const answer = await request(method.toUpperCase(), url);
          assert.notEqual(answer.body?.code, 'ROUTE_NOT_FOUND', `${method.toUpperCase()} ${server}${path} (${prefix} docs)`);
        }
      }
    }
  });

  it('guards the route-table API with the admin token', async () => {
    assert.equal((await request('GET', `${platform.gatewayAdmin}/routes`)).status, 401);
    assert.equal((await request('GET', `${platform.gatewayAdmin}/routes`, { token: 'x'.repeat(32) })).status, 401);
    const routes = await admin('GET', '/routes');
    assert.equal(routes.status, 200);
    assert.deepEqual(routes.body.find((r: { prefix: string }) => r.prefix === '/auth')?.static, true);

    // The same path spelt otherwise is the same route, and needs the token as much.
    for (const path of ['/%72outes', '/ROUTES', '/routes/', '//routes', '/docs/json', '/metrics']) {
      const listed = await request('GET', `${platform.gatewayAdmin}${path}`);
      assert.ok(listed.status === 401 || listed.status === 404, `${path}: ${listed.status} ${listed.text.slice(0, 200)}`);
    }
    const sneaked = await request('PUT', `${platform.gatewayAdmin}/%72outes`, { body: { prefix: '/e/sneaked', upstreams: [echo.url] } });
    assert.equal(sneaked.status, 401, sneaked.text);
    const removed = await request('DELETE', `${platform.gatewayAdmin}/%72outes?prefix=/e/anything`);
    assert.equal(removed.status, 401, removed.text);
    assert.equal((await request('GET', `${platform.gatewayAdmin}/readyz`)).status, 200, 'probes stay open');
  });

  it('keeps platform paths from run-time routes', async () => {
    for (const prefix of ['/auth', '/auth/login', '/deploy/deployments', '/web/shell']) {
      const taken = await admin('PUT', '/routes', { prefix, upstreams: [echo.url] });
      assert.equal(taken.status, 409, `${prefix}: ${taken.text}`);
      assert.equal(taken.body.code, 'STATIC_ROUTE');
    }
    const login = await request('POST', `${platform.gateway}/auth/login`, { body: { email: 'nobody@example.com', password: 'wrong-password-1' } });
    assert.equal(login.status, 401, `log-in still reaches the auth service: ${login.text}`);
  });

  it('adds a route without a restart and forwards path, query and request id', async () => {
    const added = await admin('PUT', '/routes', { prefix: '/e/echo', upstreams: [echo.url] });
    assert.equal(added.status, 200, added.text);
    const result = await request('GET', `${platform.gateway}/e/echo/hello/world?x=1&y=2`, { headers: { 'x-request-id': 'trace-abc' } });
    assert.equal(result.status, 200);
    assert.equal(result.body.url, '/hello/world?x=1&y=2');
    assert.equal(result.body.headers['x-request-id'], 'trace-abc');
    assert.equal(result.headers.get('x-request-id'), 'trace-abc');
    assert.equal(result.body.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(result.body.headers['x-forwarded-prefix'], '/e/echo');

    const generated = await get(`${platform.gateway}/e/echo/`);
    assert.match(generated.body.headers['x-request-id'], /^[0-9a-f-]{36}$/);
    assert.equal(generated.headers.get('x-request-id'), generated.body.headers['x-request-id']);
  });

  it('streams request bodies, with and without a length', async () => {
    const payload = Buffer.alloc(900 * 1024, 7);
    const sha = createHash('sha256').update(payload).digest('hex');
    const sized = await fetch(`${platform.gateway}/e/echo/upload`, { method: 'POST', body: payload, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(((await sized.json()) as { bodySha256: string }).bodySha256, sha);

    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 9; i++) controller.enqueue(payload.subarray(i * 102_400, (i + 1) * 102_400));
        controller.close();
      },
    });
    const streamed = await fetch(`${platform.gateway}/e/echo/upload`, {
      method: 'POST',
      body: chunked,
      headers: { 'content-type': 'application/octet-stream' },
      duplex: 'half',
    } as RequestInit);
    const echoed = (await streamed.json()) as { headers: Record<string, string>; bodySha256: string };
    assert.equal(echoed.headers['transfer-encoding'], 'chunked');
    assert.equal(echoed.bodySha256, sha);
  });

  it('streams responses as they come (server-sent events)', async () => {
    const response = await fetch(`${platform.gateway}/e/echo/stream`);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /data: first/, 'the first event arrived while the upstream still held the response open');
    echo.release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    assert.match(rest, /data: last/);
  });

  it('refuses bodies over the route limit with 413', async () => {
    await admin('PUT', '/routes', { prefix: '/e/tiny', upstreams: [echo.url], maxBodyBytes: 1024 });
    const sized = await request('POST', `${platform.gateway}/e/tiny/x`, { raw: 'x'.repeat(2048), headers: { 'content-type': 'text/plain' } });
    assert.equal(sized.status, 413);
    assert.equal(sized.body.code, 'BODY_TOO_LARGE');
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(1024));
        controller.close();
      },
    });
    const streamed = await fetch(`${platform.gateway}/e/tiny/x`, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as { code: string }).code, 'BODY_TOO_LARGE');
  });

  it('balances a route over its upstreams', async () => {
    await admin('PUT', '/routes', { prefix: '/e/pair', upstreams: [echo.url, echo2.url] });
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) names.add((await get(`${platform.gateway}/e/pair/`)).body.name);
    assert.deepEqual(names, new Set(['one', 'two']));
  });

  it('passes over an upstream that died until it answers again, and sends its requests to the others', async () => {
    const doomed = await upstream('doomed');
    const port = Number(new URL(doomed.url).port);
    await admin('PUT', '/routes', { prefix: '/e/trio', upstreams: [echo.url, doomed.url, echo2.url] });
    const seen = async (n: number) => {
      const names: string[] = [];
      for (let i = 0; i < n; i++) {
        const answer = await get(`${platform.gateway}/e/trio/x`);
        assert.equal(answer.status, 200, `request ${i}: ${JSON.stringify(answer.body)}`);
        names.push(answer.body.name);
      }
      return names;
    };
    assert.ok((await seen(6)).includes('doomed'), 'all three take requests while up');

    // The replica dies and nobody has taken it out of the route yet.
    doomed.server.closeAllConnections();
    await new Promise<void>((resolve) => doomed.server.close(() => resolve()));
    const whileDown = await seen(30);
    assert.ok(!whileDown.includes('doomed'));
    assert.ok(whileDown.includes('one') && whileDown.includes('two'), 'the live upstreams share its requests');

    // A request with a small body goes to another upstream too, also the one that finds a
    // dead upstream not yet passed over.
    const deadForPosts = `http://127.0.0.1:${await freePortRange(1)}`;
    await admin('PUT', '/routes', { prefix: '/e/trio-posts', upstreams: [echo.url, deadForPosts, echo2.url] });
    const posts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = await request('POST', `${platform.gateway}/e/trio-posts/x`, { body: { n: i } });
      posts.push(sent.status);
      if (sent.status !== 200) continue;
      assert.equal(sent.body.bodySha256, createHash('sha256').update(JSON.stringify({ n: i })).digest('hex'), 'the body arrives as sent');
      assert.equal(sent.body.headers['content-type'], 'application/json');
    }
    assert.deepEqual(new Set(posts), new Set([200]), `posts: ${posts.join(' ')}`);
    // A chunked body was streamed to the first upstream and cannot be sent again: it fails
    // once, and the next ones go elsewhere.
    const deadForChunks = `http://127.0.0.1:${await freePortRange(1)}`;
    await admin('PUT', '/routes', { prefix: '/e/trio-chunks', upstreams: [echo.url, deadForChunks, echo2.url] });
    const chunkedPosts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"n":'));
          controller.enqueue(new TextEncoder().encode(`${i}}`));
          controller.close();
        },
      });
      chunkedPosts.push((await fetch(`${platform.gateway}/e/trio-chunks/x`, { method: 'POST', body: chunked, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit)).status);
    }
    assert.ok(chunkedPosts.filter((status) => status !== 200).length <= 1, `chunked posts: ${chunkedPosts.join(' ')}`);

    // It comes back on the same address: once its ejection is over it takes requests again.
    const revived = await upstream('doomed', undefined, port);
    try {
      await eventually(async () => (await seen(3)).includes('doomed'), 40_000, 'the revived upstream to take requests');
    } finally {
      revived.server.closeAllConnections();
      revived.server.close();
    }
  });

  it('sends a GET whose upstream broke the connection before answering to another, and never a POST', async () => {
    const crashing = await upstream('crashing', (req) => req.socket.destroy());
    try {
      await admin('PUT', '/routes', { prefix: '/e/crashing', upstreams: [crashing.url, echo.url] });
      for (let i = 0; i < 4; i++) {
        const read = await get(`${platform.gateway}/e/crashing/x`);
        assert.equal(read.status, 200, `GET ${i}: ${read.text}`);
        assert.equal(read.body.name, 'one');
      }
      // A POST may have been taken before the connection broke: it is not sent twice.
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request('POST', `${platform.gateway}/e/crashing/x`, { body: { n: i } })).status);
      assert.ok(statuses.includes(502), `a POST to the crashing upstream is answered 502, not repeated: ${statuses.join(' ')}`);
    } finally {
      crashing.server.closeAllConnections();
      crashing.server.close();
    }
  });

  it('answers 502 when the upstream is down and 504 when it is too slow', async () => {
    const closedPort = await freePortRange(1);
    await admin('PUT', '/routes', { prefix: '/e/down', upstreams: [`http://127.0.0.1:${closedPort}`] });
    const down = await get(`${platform.gateway}/e/down/x`);
    assert.equal(down.status, 502);
    assert.equal(down.body.code, 'UPSTREAM_UNAVAILABLE');
    assert.match(down.headers.get('content-type')!, /problem\+json/);

    await admin('PUT', '/routes', { prefix: '/e/slow', upstreams: [slow.url] });
    const started = Date.now();
    const late = await get(`${platform.gateway}/e/slow/x`);
    assert.equal(late.status, 504);
    assert.equal(late.body.code, 'UPSTREAM_TIMEOUT');
    assert.ok(Date.now() - started < 2_500, 'the gateway gave up at its timeout');
  });

  it('validates routes and protects the platform ones', async () => {
    const bad = await admin('PUT', '/routes', { prefix: 'no-slash', upstreams: ['ftp://x'] });
    assert.equal(bad.status, 400);
    assert.deepEqual(new Set(bad.body.errors.map((e: { path: string }) => e.path)), new Set(['/body/prefix', '/body/upstreams/0']));
    assert.equal((await admin('PUT', '/routes', { prefix: '/auth', upstreams: [echo.url] })).status, 409);
    assert.equal((await admin('DELETE', '/routes?prefix=/auth')).status, 409);
  });

  it('removes a route', async () => {
    await admin('PUT', '/routes', { prefix: '/e/gone', upstreams: [echo.url] });
    assert.equal((await get(`${platform.gateway}/e/gone/`)).status, 200);
    assert.equal((await admin('DELETE', '/routes?prefix=/e/gone')).status, 204);
    assert.equal((await get(`${platform.gateway}/e/gone/`)).status, 404);
    assert.equal((await admin('DELETE', '/routes?prefix=/e/gone')).status, 404);
  });

  it('removes every route of an owner, and of its parts, at once', async () => {
    await admin('PUT', '/routes', { prefix: '/e/ns-a', upstreams: [echo.url], owner: 'perf-a/ticketing' });
    await admin('PUT', '/routes', { prefix: '/e/ns-a/admin', upstreams: [echo.url], owner: 'perf-a/console' });
    await admin('PUT', '/routes', { prefix: '/e/ns-ab', upstreams: [echo.url], owner: 'perf-ab/ticketing' });
    assert.equal((await admin('DELETE', '/routes?owner=perf-a')).status, 204);
    assert.equal((await get(`${platform.gateway}/e/ns-a/`)).status, 404);
    assert.equal((await get(`${platform.gateway}/e/ns-a/admin/`)).status, 404);
    assert.equal((await get(`${platform.gateway}/e/ns-ab/`)).status, 200, 'another owner whose name merely starts alike keeps its route');
    assert.equal((await admin('DELETE', '/routes?owner=perf-a')).status, 204, 'idempotent');
    assert.equal((await admin('DELETE', '/routes')).status, 400);
  });

  it('keeps run-time routes when the gateway restarts', async () => {
    await admin('PUT', '/routes', { prefix: '/e/kept', upstreams: [echo.url] });
    const pid = (await platform.runtime()).services.gateway!.pid;
    process.kill(pid, 'SIGKILL');
    const result = await eventually(async () => {
      const r = await get(`${platform.gateway}/e/kept/after`).catch(() => undefined);
      return r?.status === 200 ? r : undefined;
    }, 30_000, 'the gateway to come back with its routes');
    assert.equal(result.body.url, '/after');
  });
});
