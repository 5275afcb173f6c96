import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { conflict, DomainError, ErrorCode } from '../errors/domain-error.js';
import { createApp, type Readiness } from './create-app.js';
import { withProblems } from './problem.schema.js';

async function buildTestApp(ready: () => Promise<boolean | Readiness> = async () => true) {
  const app = await createApp({ name: 'test', silent: true, ready, bodyLimit: 1024 });
  app.post('/things', {
    schema: {
      body: Type.Object(
        { name: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 1 }), kind: Type.Enum(['a', 'b']) },
        { additionalProperties: false },
      ),
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
      response: withProblems({ 201: Type.Object({ name: Type.String(), dryRun: Type.Boolean() }) }),
    },
  }, async (request, reply) => reply.status(201).send({ name: request.body.name, dryRun: request.query.dryRun ?? false }));
  app.get('/things/:id', {
    schema: { params: Type.Object({ id: Type.String() }), querystring: Type.Object({ grade: Type.Optional(Type.String()) }) },
  }, async (request) => ({ id: request.params.id }));
  app.post('/bags', {
    schema: { body: Type.Object({ items: Type.Array(Type.Object({ label: Type.String() })), tags: Type.Optional(Type.Record(Type.String(), Type.String())) }, { additionalProperties: false }) },
  }, async () => ({ ok: true }));
  app.get('/conflict', async () => {
    throw conflict('Seats taken.', 'SEATS_TAKEN', { seats: ['A-1-1'] });
  });
  app.get('/limited', async () => {
    throw new DomainError(ErrorCode.RATE_LIMITED, 'Slow down.', { headers: { 'retry-after': '7' } });
  });
  app.get('/boom', async () => {
    throw new Error('database password is hunter2');
  });
  await app.ready();
  return app;
}

describe('createApp', () => {
  it('validates bodies strictly and names each problem', async () => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'POST', url: '/things', payload: { name: 5, kind: 'c', extra: true } });
    assert.equal(response.statusCode, 400);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    const problem = response.json();
    assert.equal(problem.code, 'VALIDATION_FAILED');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    assert.deepEqual(
      new Set(paths),
      new Set(['/body/name', '/body/count', '/body/kind', '/body/extra']),
    );
    assert.ok(problem.errors.some((e: { message: string }) => e.message === 'must be one of: a, b'));
  });

  it('coerces query strings but not bodies', async () => {
    const app = await buildTestApp();
    const ok = await app.inject({ method: 'POST', url: '/things?dryRun=true', payload: { name: 'x', count: 2, kind: 'a' } });
    assert.equal(ok.statusCode, 201);
    assert.deepEqual(ok.json(), { name: 'x', dryRun: true });
    const stringCount = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: '2', kind: 'a' } });
    assert.equal(stringCount.statusCode, 400);
  });

  it('answers invalid JSON, oversized bodies and unknown routes with problems', async () => {
    const app = await buildTestApp();
    const badJson = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().code, 'INVALID_JSON');
    const big = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(2000), count: 1, kind: 'a' } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'BODY_TOO_LARGE');
    const missing = await app.inject({ method: 'GET', url: '/nowhere?token=secret' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().detail, 'No route for GET /nowhere.');
  });

  it('refuses the NUL character in any string or key of a body, a query or a path, naming where', async () => {
    const app = await buildTestApp();
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/things', { name: 'a\u0000b', count: 1, kind: 'a' }, '/body/name'],
      ['POST', '/bags', { items: [{ label: 'ok' }, { label: '\u0000' }] }, '/body/items/1/label'],
      ['POST', '/bags', { items: [], tags: { 'k\u0000': 'v' } }, '/body/tags/k\u0000'],
      ['GET', '/things/x?grade=%00', undefined, '/querystring/grade'],
      ['GET', '/things/a%00b', undefined, '/params/id'],
    ];
    for (const [method, url, payload, path] of cases) {
      const response = await app.inject({ method: method as 'GET' | 'POST', url, ...(payload ? { payload: payload as object } : {}) });
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      assert.equal(response.json().code, 'VALIDATION_FAILED');
      assert.deepEqual(response.json().errors, [{ path, message: 'must not contain the NUL character (U+0000)' }]);
    }
    assert.equal((await app.inject({ method: 'POST', url: '/bags', payload: { items: [{ label: 'é ✓' }] } })).statusCode, 200);
  });

  it('says in one line that a value fits none of a union\'s types', async () => {
    const app = await createApp({ name: 'test', silent: true });
    const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
    app.post('/values', { schema: { body: Type.Object({ values: Type.Record(Type.String(), Scalar), either: Type.Optional(Type.Union([Type.Object({ a: Type.String() }), Type.Integer()])) }) } }, async () => ({}));
    const nothing = await app.inject({ method: 'POST', url: '/values', payload: { values: { holdSeconds: null, note: 'ok' } } });
    assert.deepEqual(nothing.json().errors, [{ path: '/body/values/holdSeconds', message: 'must be string, number or boolean' }]);
    assert.equal(nothing.json().detail, 'Invalid request: /body/values/holdSeconds must be string, number or boolean');
    const shapes = await app.inject({ method: 'POST', url: '/values', payload: { values: {}, either: { b: 1 } } });
    assert.deepEqual(shapes.json().errors.map((e: { path: string }) => e.path), ['/body/either/a', '/body/either', '/body/either']);
    assert.match(shapes.json().errors[2].message, /none of the allowed forms/);
  });

  it('lists the first 20 problems of a body that has thousands, and says how many more', async () => {
    const app = await createApp({ name: 'test', silent: true });
    app.post('/strict', { schema: { body: Type.Object({}, { additionalProperties: false }) } }, async () => ({}));
    const payload = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
    const response = await app.inject({ method: 'POST', url: '/strict', payload });
    assert.equal(response.statusCode, 400);
    const problem = response.json();
    assert.equal(problem.errors.length, 20);
    assert.match(problem.detail, /; and 4980 more$/);
    assert.ok(response.body.length < 4000, `${response.body.length} bytes`);
  });

  it('answers a path part too long, and a compressed body, with problems', async () => {
    const app = await buildTestApp();
    const long = await app.inject({ method: 'GET', url: `/things/${'segment'.repeat(25)}` });
    assert.equal(long.statusCode, 414);
    assert.match(long.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(long.json().code, 'PATH_PART_TOO_LONG');
    assert.equal(long.json().title, 'URI Too Long');
    assert.doesNotMatch(long.body, /segmentsegment/, 'the path is not echoed');
    const zipped = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: 'whatever' });
    assert.equal(zipped.statusCode, 415);
    assert.equal(zipped.json().code, 'UNSUPPORTED_CONTENT_ENCODING');
  });

  it('answers a path that is not a valid URL with a problem, or as the app chooses', async () => {
    const plain = await buildTestApp();
    const broken = await plain.inject({ method: 'GET', url: '/things/%E0%A4%A' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().code, 'BAD_URL');
    let chooses: 'page' | 'fail' | 'pass' = 'page';
    const app = await createApp({
      name: 'test',
      silent: true,
      onBadUrl: (_request, reply) => {
        if (chooses === 'fail') throw new Error('no page');
        if (chooses === 'pass') return false;
        void reply.type('text/html').send('<p>not found</p>');
        return true;
      },
    });
    app.get('/things/:id', async () => ({ ok: true }));
    assert.equal((await app.inject({ method: 'GET', url: '/things/%E0%A4%A' })).body, '<p>not found</p>');
    for (const choice of ['fail', 'pass'] as const) {
      chooses = choice;
      const answer = await app.inject({ method: 'GET', url: '/things/%E0%A4%A' });
      assert.deepEqual([answer.statusCode, answer.json().code], [400, 'BAD_URL'], `the problem when the app's own answer is ${choice}`);
    }
  });

  it('answers headers too large with a problem before any route runs', async () => {
    const app = await buildTestApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-huge': 'h'.repeat(40_000) } });
      assert.equal(response.status, 431);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = (await response.json()) as { code: string; status: number; title: string };
      assert.deepEqual([problem.code, problem.status, problem.title], ['HEADERS_TOO_LARGE', 431, 'Request Header Fields Too Large']);
    } finally {
      await app.close();
    }
  });

  it('maps domain errors with their extra members and headers', async () => {
    const app = await buildTestApp();
    const taken = await app.inject({ method: 'GET', url: '/conflict' });
    assert.equal(taken.statusCode, 409);
    assert.deepEqual(taken.json().seats, ['A-1-1']);
    assert.equal(taken.json().code, 'SEATS_TAKEN');
    const limited = await app.inject({ method: 'GET', url: '/limited' });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '7');
  });

  it('hides the detail of unexpected errors', async () => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'req-42' } });
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /hunter2/);
    assert.match(response.json().detail, /req-42/);
    assert.equal(response.headers['x-request-id'], 'req-42');
  });

  it('generates a request id when the incoming one is unusable', async () => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    assert.match(response.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
  });

  it('serves health, readiness, metrics and OpenAPI', async () => {
    let ready = false;
    const app = await buildTestApp(async () => ready);
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 503);
    ready = true;
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    let waitingFor = ['gala'];
    const telling = await buildTestApp(async () => ({ ready: waitingFor.length === 0, detail: { waitingFor } }));
    const waiting = await telling.inject('/readyz');
    assert.deepEqual([waiting.statusCode, waiting.json()], [503, { status: 'not ready', waitingFor: ['gala'] }]);
    waitingFor = [];
    const done = await telling.inject('/readyz');
    assert.deepEqual([done.statusCode, done.json()], [200, { status: 'ready', waitingFor: [] }]);
    await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1, kind: 'a' } });
    const metrics = await app.inject('/metrics');
    assert.match(metrics.body, /http_request_duration_seconds_count\{service="test",method="POST",route="\/things",status="201"\} 1/);
    assert.match(metrics.body, /process_resident_memory_bytes/);
    const openapi = (await app.inject('/docs/openapi.json')).json();
    assert.ok(openapi.paths['/things'].post);
    assert.equal((await app.inject('/docs')).statusCode < 400, true);
  });
});
