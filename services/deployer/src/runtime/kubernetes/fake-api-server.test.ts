import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.js';

describe('fake Kubernetes API server', () => {
  let server: FakeApiServer;

  async function call(method: string, path: string, body?: unknown, contentType = 'application/json', token = server.token) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  const apply = (path: string, document: unknown) => call('PATCH', `${path}?fieldManager=test&force=true`, stringify(document), 'application/apply-patch+yaml');

  function deployment(labels: Record<string, string>, replicas = 1, image = 'clove/ticketing:builtin') {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels },
      spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
    };
  }

  before(async () => {
    server = await startFakeApiServer({ readyAfterMs: 0 });
    await apply('/api/v1/namespaces/shop', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });

  after(() => server.close());

  it('requires the bearer token of its kubeconfig', async () => {
    const answer = await call('GET', '/api/v1/nodes', undefined, undefined, 'wrong');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.kind, 'Status');
  });

  it('serves discovery documents with the namespaced flag of each resource', async () => {
    const core = await call('GET', '/api/v1');
    const scope = Object.fromEntries((core.body.resources as { name: string; namespaced: boolean }[]).map((r) => [r.name, r.namespaced]));
    assert.deepEqual(
      ['namespaces', 'nodes', 'serviceaccounts', 'secrets', 'services', 'pods', 'endpoints'].map((name) => scope[name]),
      [false, false, true, true, true, true, true],
    );
    const groups = (await call('GET', '/apis')).body.groups as { preferredVersion: { groupVersion: string } }[];
    assert.deepEqual(groups.map((g) => g.preferredVersion.groupVersion).sort(), [
      'apps/v1',
      'authentication.k8s.io/v1',
      'gateway.networking.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
    ]);
    for (const path of ['/apis/apps/v1', '/apis/rbac.authorization.k8s.io/v1', '/apis/gateway.networking.k8s.io/v1', '/api', '/version']) {
      assert.equal((await call('GET', path)).status, 200, path);
    }
  });

  it('answers a missing object with a NotFound Status', async () => {
    const answer = await call('GET', '/apis/apps/v1/namespaces/shop/deployments/absent');
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "absent" not found', reason: 'NotFound', code: 404 });
  });

  it('rejects an applied document without metadata.name as Invalid', async () => {
    const answer = await apply('/api/v1/namespaces/shop/secrets/nameless', { apiVersion: 'v1', kind: 'Secret', metadata: {} });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.reason, 'Invalid');
    assert.match(answer.body.message, /metadata\.name: Required value/);
  });

  it('creates and replaces applied objects, bumping the generation only when the spec changes', async () => {
    const path = '/apis/apps/v1/namespaces/shop/deployments/web';
    const created = await apply(path, deployment({ tier: 'front' }));
    assert.equal(created.status, 201);
    assert.equal(created.body.metadata.generation, 1);
    assert.ok(created.body.metadata.uid && created.body.metadata.resourceVersion && created.body.metadata.creationTimestamp);
    const relabelled = await apply(path, deployment({ tier: 'edge' }));
    assert.equal(relabelled.status, 200);
    assert.equal(relabelled.body.metadata.generation, 1);
    assert.equal(relabelled.body.metadata.uid, created.body.metadata.uid);
    const scaled = await apply(path, deployment({ tier: 'edge' }, 3));
    assert.equal(scaled.body.metadata.generation, 2);
  });

  it('rolls Deployments out as Pods with the template labels on the preset nodes', async () => {
    await apply('/apis/apps/v1/namespaces/shop/deployments/web', deployment({ tier: 'edge' }, 2));
    const read = await call('GET', '/apis/apps/v1/namespaces/shop/deployments/web');
    assert.deepEqual(
      [read.body.status.observedGeneration, read.body.status.replicas, read.body.status.updatedReplicas, read.body.status.readyReplicas, read.body.status.availableReplicas],
      [read.body.metadata.generation, 2, 2, 2, 2],
    );
    const pods = (await call('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).body.items as Record<string, any>[];
    assert.equal(pods.length, 2);
    for (const pod of pods) {
      assert.equal(pod.metadata.labels.app, 'web');
      assert.ok(['node-a', 'node-b'].includes(pod.spec.nodeName));
      assert.equal(pod.status.phase, 'Running');
      assert.ok(pod.status.startTime);
    }
    assert.equal((await call('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dother')).body.items.length, 0);
    const scale = await call('GET', '/apis/apps/v1/namespaces/shop/deployments/web/scale');
    assert.deepEqual([scale.body.kind, scale.body.spec.replicas, scale.body.status.selector], ['Scale', 2, 'app=web']);
  });

  it('keeps Pods of a never-ready image waiting in CrashLoopBackOff', async () => {
    server.setNeverReady((image) => image.endsWith(':broken'));
    await apply('/apis/apps/v1/namespaces/shop/deployments/web', deployment({}, 1, 'clove/web:broken'));
    const [pod] = (await call('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).body.items as Record<string, any>[];
    assert.equal(pod?.status.containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff');
    const read = await call('GET', '/apis/apps/v1/namespaces/shop/deployments/web');
    assert.equal(read.body.status.readyReplicas, undefined);
    server.setNeverReady(() => false);
  });

  it('deleting a namespace deletes what it holds', async () => {
    await apply('/api/v1/namespaces/gone', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    await apply('/api/v1/namespaces/gone/secrets/s', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    assert.equal((await call('DELETE', '/api/v1/namespaces/gone')).status, 200);
    assert.equal(server.objects.list('Secret', 'gone').length, 0);
    assert.equal((await call('DELETE', '/api/v1/namespaces/gone')).status, 404);
  });

  it('records the parsed body of every request', () => {
    const applied = server.requests.find((r) => r.path === '/api/v1/namespaces/gone/secrets/s');
    assert.deepEqual(applied?.body, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    assert.deepEqual(applied?.query, { fieldManager: 'test', force: 'true' });
    assert.equal(applied?.contentType, 'application/apply-patch+yaml');
  });
});
