import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { conflict, DomainError, ErrorCode } from '../errors/domain-error.js';
import { createApp } from './create-app.js';
import { withProblems } from './problem.schema.js';

async function buildTestApp(ready = async () => true) {
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
    await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1, kind: 'a' } });
    const metrics = await app.inject('/metrics');
    assert.match(metrics.body, /http_request_duration_seconds_count\{service="test",method="POST",route="\/things",status="201"\} 1/);
    assert.match(metrics.body, /process_resident_memory_bytes/);
    const openapi = (await app.inject('/docs/openapi.json')).json();
    assert.ok(openapi.paths['/things'].post);
    assert.equal((await app.inject('/docs')).statusCode < 400, true);
  });
});
