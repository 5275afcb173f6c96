/**
 * An in-process Kubernetes API server for tests: discovery, server-side apply, reads, lists, deletes, the
 * Deployment scale subresource and TokenRequest, with Deployments that roll out Pods on two preset nodes.
 * Every request is recorded for assertions.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { FAKE_NODES, nodeObjects, reconcile, type ClusterBehaviour } from './fake-controllers.js';
import { FakeApi } from './fake-handlers.js';
import { FakeApiError, ObjectStore } from './fake-store.js';

export { ObjectStore, type StoredObject } from './fake-store.js';

export interface RecordedRequest {
  method: string;
  /** URL path, without the query. */
  path: string;
  query: Record<string, string>;
  /** The Content-Type header without parameters, or null. */
  contentType: string | null;
  /** The body parsed as JSON or YAML, the raw text when it does not parse, undefined when empty. */
  body: unknown;
}

export interface FakeApiServerOptions {
  /** How long a new Pod takes to become ready. Default 150 ms. */
  readyAfterMs?: number;
  /** How often a crash-looping container restarts. Default 200 ms. */
  restartEveryMs?: number;
}

export interface FakeApiServer {
  url: string;
  /** A kubeconfig for the server, authenticating with `token`. */
  kubeConfig: KubeConfig;
  token: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** The stored objects, by kind, namespace and name. */
  objects: ObjectStore;
  /** The preset node names. */
  nodes: readonly string[];
  /** Containers whose image matches crash at start: their Pods wait in CrashLoopBackOff and never become ready. */
  setNeverReady(predicate: (image: string) => boolean): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | null): unknown {
  if (raw.length === 0) return undefined;
  try {
    return contentType?.includes('yaml') ? parseYaml(raw) : JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const token = randomBytes(24).toString('base64url');
  const objects = new ObjectStore();
  for (const node of nodeObjects()) objects.put(node);
  const behaviour: ClusterBehaviour = {
    readyAfterMs: options.readyAfterMs ?? 150,
    restartEveryMs: options.restartEveryMs ?? 200,
    neverReady: () => false,
  };
  const api = new FakeApi(objects);
  const requests: RecordedRequest[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? null;
    const body = parseBody(await readBody(request), contentType);
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType, body };
    requests.push(recorded);
    try {
      if (request.headers.authorization !== `Bearer ${token}`) throw new FakeApiError(401, 'Unauthorized', 'Unauthorized');
      if (typeof body === 'string') throw new FakeApiError(400, 'BadRequest', `the request body does not parse as ${contentType ?? 'JSON'}`);
      reconcile(objects, behaviour);
      const answer = api.handle({ method: recorded.method, path: recorded.path, query: recorded.query, contentType: contentType ?? '', body });
      send(response, answer.code, answer.body);
    } catch (error) {
      const failure = error instanceof FakeApiError ? error : new FakeApiError(500, 'InternalError', error instanceof Error ? error.message : String(error));
      send(response, failure.code, failure.status());
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fake', server: url, skipTLSVerify: true }],
    users: [{ name: 'fake', token }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });

  return {
    url,
    kubeConfig,
    token,
    requests,
    objects,
    nodes: FAKE_NODES,
    setNeverReady(predicate) {
      behaviour.neverReady = predicate;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
