import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DomainError, statusOf } from '@clove/kit';
import { DeployerClient } from './deployer.client.js';

/** The error a call rejects with. */
async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(error instanceof DomainError, String(error));
  return error;
}

describe('the monitor\'s deployer client', () => {
  let server: Server;
  let url: string;

  before(async () => {
    // …/slow/… never answers; …/broken/… answers 500; anything else is refused with a problem document.
    server = createServer((request, response) => {
      if (request.url?.includes('/slow')) return;
      if (request.url?.includes('/broken')) {
        response.writeHead(500, { 'content-type': 'application/problem+json' }).end('{"code":"INTERNAL","detail":"a bug"}');
        return;
      }
      response.writeHead(409, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ code: 'DEPLOYMENT_BUSY', detail: 'The deployment is deploying; wait until it runs.' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 504 DEPLOYER_TIMEOUT when the deployer took the request but did not answer in time', async () => {
    const error = await refusal(new DeployerClient(url, 'token', 200).scale('slow', 'ticketing', 0));
    assert.deepEqual([statusOf[error.code], error.reason], [504, 'DEPLOYER_TIMEOUT']);
    assert.match(error.message, /did not answer within 200 ms; the change may still be made/);
  });

  it('answers 503 DEPLOYER_UNAVAILABLE when nothing listens, or the deployer fails', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const nowhere = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    for (const call of [new DeployerClient(nowhere, 'token', 2000).nodes(), new DeployerClient(url, 'token', 2000).scale('broken', 'ticketing', 0)]) {
      const error = await refusal(call);
      assert.deepEqual([statusOf[error.code], error.reason], [503, 'DEPLOYER_UNAVAILABLE']);
    }
  });

  it('passes a refusal on as the caller\'s answer', async () => {
    const error = await refusal(new DeployerClient(url, 'token', 2000).scale('busy', 'ticketing', 0));
    assert.deepEqual([statusOf[error.code], error.reason, error.message], [409, 'DEPLOYMENT_BUSY', 'The deployment is deploying; wait until it runs.']);
  });
});
