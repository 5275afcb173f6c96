import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { requestText, RequestTimeoutError } from './request-text.js';

describe('requestText', () => {
  let server: Server;
  let base: string;
  const agent = new Agent({ headersTimeout: 300 });
  const received: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        if (req.url === '/slow') return; // never answers
        if (req.url?.startsWith('/large')) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          for (let i = 0; i < 100; i++) res.write('é'.repeat(1000));
          return res.end();
        }
        res.writeHead(req.url === '/missing' ? 404 : 201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, key: req.headers['idempotency-key'], body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, path with query, headers and body, and answers status and text', async () => {
    const answer = await requestText(agent, `${base}/payments?x=1`, { method: 'POST', headers: { 'idempotency-key': 'k-1' }, body: '{"a":1}' });
    assert.equal(answer.status, 201);
    assert.deepEqual(JSON.parse(answer.text), { method: 'POST', url: '/payments?x=1', key: 'k-1', body: '{"a":1}' });
    assert.equal((await requestText(agent, `${base}/missing`, { method: 'GET' })).status, 404);
  });

  it('joins an answer that comes in many parts, characters split across them included', async () => {
    const answer = await requestText(agent, `${base}/large`, { method: 'GET' });
    assert.equal(answer.text, 'é'.repeat(100_000));
  });

  it('gives up a whole call after its timeout, the wait for a connection included, and never sends one that waited too long', async () => {
    const single = new Agent({ connections: 1 });
    try {
      const slow = requestText(single, `${base}/slow`, { method: 'GET', timeoutMs: 200 });
      const queued = requestText(single, `${base}/payments`, { method: 'POST', body: 'late', timeoutMs: 100 });
      await assert.rejects(queued, RequestTimeoutError, 'waited for the only connection, held by the slow call');
      await assert.rejects(slow, { code: 'REQUEST_TIMEOUT' });
      assert.equal(received.filter((body) => body === 'late').length, 0, 'the queued call was never sent');
      assert.equal((await requestText(single, `${base}/missing`, { method: 'GET', timeoutMs: 1000 })).status, 404, 'the agent goes on');
    } finally {
      await single.close();
    }
  });

  it('rejects when no answer comes: a refused connection, or the dispatcher timing out', async () => {
    await assert.rejects(requestText(agent, 'http://127.0.0.1:1/x', { method: 'GET' }), { code: 'ECONNREFUSED' });
    await assert.rejects(requestText(agent, `${base}/slow`, { method: 'GET' }), { code: 'UND_ERR_HEADERS_TIMEOUT' });
  });
});
