import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../contract.js';
import { validateDocument } from './document-validation.js';
import { startFakeApiServer, type FakeApiServer, type RecordedRequest } from './fake-api-server.js';
import { KubernetesDriver } from './kubernetes-driver.js';
import { documents, rejection } from './test-fixtures.js';

const CRASHING = 'clove/crashing:builtin';
const DEPLOYMENT = 'ticketing-r1';

describe('KubernetesDriver: rollouts, status and placement', () => {
  let server: FakeApiServer;
  let driver: KubernetesDriver;
  const since = (mark: number, method?: string): RecordedRequest[] => server.requests.slice(mark).filter((r) => !method || r.method === method);

  async function namespace(options: { image?: string; replicas?: number } | null = {}): Promise<string> {
    const ns = `workloads-${randomBytes(4).toString('hex')}`;
    await driver.ensureNamespace({ name: ns, labels: {} });
    if (options) await driver.apply(ns, documents(options));
    return ns;
  }

  before(async () => {
    server = await startFakeApiServer({ readyAfterMs: 150, restartEveryMs: 100 });
    server.setNeverReady((image) => image === CRASHING);
    driver = new KubernetesDriver({ kubeConfig: server.kubeConfig, pollMs: 25 });
  });

  after(async () => {
    await driver.close();
    await server.close();
  });

  it('waitReady polls the Deployment until its rollout is complete', async () => {
    const ns = await namespace();
    const mark = server.requests.length;
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    const reads = since(mark, 'GET').filter((r) => r.path === `/apis/apps/v1/namespaces/${ns}/deployments/${DEPLOYMENT}`);
    assert.ok(reads.length >= 2, `read the Deployment ${reads.length} times`);
    const stored = server.objects.get('Deployment', ns, DEPLOYMENT)!.status as Record<string, number>;
    assert.equal(stored.readyReplicas, 2);
  });

  it('waitReady of a Deployment scaled to zero resolves at once', async () => {
    const ns = await namespace({ replicas: 0 });
    await driver.waitReady(ns, [DEPLOYMENT], 1);
  });

  it('status reports each replica with its node, readiness and start time', async () => {
    const ns = await namespace();
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    const [workload, ...others] = await driver.status(ns);
    assert.equal(others.length, 0);
    assert.equal(workload?.name, DEPLOYMENT);
    assert.equal(workload?.desiredReplicas, 2);
    assert.equal(workload?.readyReplicas, 2);
    const pods = server.objects.list('Pod', ns);
    assert.deepEqual(workload?.replicas.map((r) => r.name), pods.map((p) => p.metadata.name));
    assert.deepEqual(workload?.replicas.map((r) => r.node).sort(), ['node-a', 'node-b']);
    for (const replica of workload?.replicas ?? []) {
      assert.equal(replica.state, 'running');
      assert.equal(replica.ready, true);
      assert.equal(replica.restarts, 0);
      assert.ok(replica.startedAt && !Number.isNaN(Date.parse(replica.startedAt)), String(replica.startedAt));
      assert.equal(replica.message, undefined);
    }
    const list = since(0, 'GET').findLast((r) => r.path === `/api/v1/namespaces/${ns}/pods`);
    assert.equal(list?.query.labelSelector, 'app.kubernetes.io/name=ticketing,clove.dev/revision=1');
  });

  it('waitReady rejects NOT_READY naming the Deployment and CrashLoopBackOff within its timeout', async () => {
    const ns = await namespace({ image: CRASHING, replicas: 1 });
    const started = Date.now();
    const error = await rejection(driver.waitReady(ns, [DEPLOYMENT], 400));
    const elapsed = Date.now() - started;
    assert.equal(error.code, 'NOT_READY');
    assert.match(error.message, new RegExp(`Deployment ${DEPLOYMENT}`));
    assert.match(error.message, /CrashLoopBackOff/);
    assert.match(error.message, /Deployment does not have minimum availability/);
    assert.ok(elapsed >= 400 && elapsed < 2_400, `gave up after ${elapsed} ms`);

    const replica = await eventually(
      async () => (await driver.status(ns))[0]?.replicas[0],
      (r) => (r?.restarts ?? 0) > 2,
      5_000,
      25,
    );
    assert.equal(replica?.state, 'backoff');
    assert.equal(replica?.ready, false);
    assert.match(replica?.message ?? '', /^CrashLoopBackOff/);
  });

  it('waitReady of a missing Deployment rejects NOT_READY saying it does not exist', async () => {
    const ns = await namespace(null);
    const error = await rejection(driver.waitReady(ns, ['absent'], 100));
    assert.equal(error.code, 'NOT_READY');
    assert.match(error.message, /Deployment absent: the Deployment does not exist/);
  });

  it('scale merge-patches the scale subresource', async () => {
    const ns = await namespace();
    const mark = server.requests.length;
    await driver.scale(ns, DEPLOYMENT, 1);
    const [patch, ...more] = since(mark, 'PATCH');
    assert.equal(more.length, 0);
    assert.equal(patch?.path, `/apis/apps/v1/namespaces/${ns}/deployments/${DEPLOYMENT}/scale`);
    assert.equal(patch?.contentType, 'application/merge-patch+json');
    assert.deepEqual(patch?.body, { spec: { replicas: 1 } });
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    assert.equal(server.objects.list('Pod', ns).length, 1);
    const stored = server.objects.get('Deployment', ns, DEPLOYMENT)!.spec as { replicas: number; template: unknown };
    assert.equal(stored.replicas, 1);
    assert.deepEqual(stored.template, (documents()[1]!.spec as { template: unknown }).template);
  });

  it('scale of an unknown Deployment rejects NOT_FOUND, and of a negative count without asking the API server', async () => {
    const ns = await namespace(null);
    assert.equal((await rejection(driver.scale(ns, 'absent', 1))).code, 'NOT_FOUND');
    const mark = server.requests.length;
    assert.equal((await rejection(driver.scale(ns, 'absent', -1))).code, 'REJECTED');
    assert.equal(since(mark).length, 0);
  });

  it('move checks the node, then patches the nodeSelector of the pod template', async () => {
    const ns = await namespace();
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    const mark = server.requests.length;
    await driver.move(ns, DEPLOYMENT, 'node-b');
    const [read, patch, ...more] = since(mark);
    assert.equal(more.length, 0);
    assert.deepEqual([read?.method, read?.path], ['GET', '/api/v1/nodes/node-b']);
    assert.deepEqual([patch?.method, patch?.path], ['PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/${DEPLOYMENT}`]);
    assert.ok(['application/strategic-merge-patch+json', 'application/merge-patch+json'].includes(patch?.contentType ?? ''), String(patch?.contentType));
    assert.equal(patch?.query.force, undefined);
    assert.deepEqual(patch?.body, { spec: { template: { spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-b' } } } } });
    const podSpec = (server.objects.get('Deployment', ns, DEPLOYMENT)!.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    assert.deepEqual(podSpec.nodeSelector, { 'kubernetes.io/hostname': 'node-b' });
    assert.equal((podSpec.containers as unknown[]).length, 1, 'the rest of the pod template stays');
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    await eventually(
      async () => (await driver.status(ns))[0],
      (w) => w?.readyReplicas === 2 && w.replicas.length === 2 && w.replicas.every((r) => r.node === 'node-b' && r.ready),
      5_000,
      25,
    );
  });

  it('move to an unknown node rejects UNKNOWN_NODE without touching the Deployment', async () => {
    const ns = await namespace();
    const mark = server.requests.length;
    const error = await rejection(driver.move(ns, DEPLOYMENT, 'node-z'));
    assert.equal(error.code, 'UNKNOWN_NODE');
    assert.match(error.message, /node-z/);
    assert.deepEqual(since(mark).map((r) => `${r.method} ${r.path}`), ['GET /api/v1/nodes/node-z']);
    assert.equal((await rejection(driver.move(ns, 'absent', 'node-a'))).code, 'NOT_FOUND');
  });

  it('remove deletes each document, Deployments in the foreground, and ignores missing ones', async () => {
    const ns = await namespace();
    const refs = [
      { kind: 'HTTPRoute', name: 'ticketing' },
      { kind: 'Deployment', name: DEPLOYMENT },
      { kind: 'Service', name: DEPLOYMENT },
      { kind: 'Secret', name: 'clove-platform' },
    ];
    const mark = server.requests.length;
    await driver.remove(ns, refs);
    await driver.remove(ns, refs);
    const deletes = since(mark, 'DELETE');
    const expected = [
      [`/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/ticketing`, undefined],
      [`/apis/apps/v1/namespaces/${ns}/deployments/${DEPLOYMENT}`, 'Foreground'],
      [`/api/v1/namespaces/${ns}/services/${DEPLOYMENT}`, undefined],
      [`/api/v1/namespaces/${ns}/secrets/clove-platform`, undefined],
    ];
    assert.deepEqual(deletes.map((r) => [r.path, r.query.propagationPolicy]), [...expected, ...expected]);
    for (const kind of ['HTTPRoute', 'Deployment', 'Service', 'Secret']) assert.deepEqual(server.objects.list(kind, ns), []);
    assert.deepEqual(await driver.status(ns), []);
  });

  it('remove of a kind the runtime does not manage rejects UNSUPPORTED before deleting anything', async () => {
    const ns = await namespace();
    const mark = server.requests.length;
    const error = await rejection(driver.remove(ns, [{ kind: 'Service', name: DEPLOYMENT }, { kind: 'ConfigMap', name: 'settings' }]));
    assert.equal(error.code, 'UNSUPPORTED');
    assert.equal(since(mark).length, 0);
  });

  it('listNodes reads allocatable capacity and readiness', async () => {
    assert.deepEqual(
      (await driver.listNodes()).map(({ name, ready, cpuMillis, memoryBytes, labels }) => [name, ready, cpuMillis, memoryBytes, labels['kubernetes.io/hostname']]),
      [
        ['node-a', true, 4000, 16 * 1024 ** 3, 'node-a'],
        ['node-b', true, 4000, 16 * 1024 ** 3, 'node-b'],
      ],
    );
  });

  it('listContainers lists the replicas of every managed namespace, or of one', async () => {
    const ns = await namespace();
    await driver.waitReady(ns, [DEPLOYMENT], 5_000);
    const mark = server.requests.length;
    const everywhere = await driver.listContainers();
    const all = since(mark);
    assert.deepEqual(all.map((r) => r.path).sort(), ['/api/v1/pods', '/apis/apps/v1/deployments']);
    for (const r of all) assert.equal(r.query.labelSelector, 'app.kubernetes.io/part-of=clove');
    assert.equal(everywhere.filter((c) => c.namespace === ns).length, 2);
    const before = server.requests.length;
    const one = await driver.listContainers(ns);
    assert.deepEqual(since(before).map((r) => r.path).sort(), [`/api/v1/namespaces/${ns}/pods`, `/apis/apps/v1/namespaces/${ns}/deployments`]);
    assert.deepEqual(one.map((c) => [c.namespace, c.workload, c.component, c.ready, c.state]), [
      [ns, DEPLOYMENT, 'ticketing', true, 'running'],
      [ns, DEPLOYMENT, 'ticketing', true, 'running'],
    ]);
  });

  it('every document sent in an apply passes schema validation', () => {
    const sent = server.requests.filter((r) => r.method === 'PATCH' && r.contentType === 'application/apply-patch+yaml');
    assert.ok(sent.length > 0);
    for (const request of sent) assert.doesNotThrow(() => validateDocument(request.body), request.path);
  });
});
