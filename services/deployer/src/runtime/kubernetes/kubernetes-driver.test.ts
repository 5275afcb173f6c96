import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeDocument } from '../driver.js';
import { validateDocument } from './document-validation.js';
import { POD_SECURITY_LABELS } from './documents.js';
import { startFakeApiServer, type FakeApiServer, type RecordedRequest } from './fake-api-server.js';
import { KubernetesDriver } from './kubernetes-driver.js';
import { documents, rejection } from './test-fixtures.js';

const APPLY = 'application/apply-patch+yaml';

function namespaceName(): string {
  return `driver-${randomBytes(4).toString('hex')}`;
}

describe('KubernetesDriver: namespaces, credentials and apply', () => {
  let server: FakeApiServer;
  let driver: KubernetesDriver;
  const given: KubeDocument[] = [];
  const since = (mark: number, method?: string): RecordedRequest[] => server.requests.slice(mark).filter((r) => !method || r.method === method);

  before(async () => {
    server = await startFakeApiServer({ readyAfterMs: 0 });
    driver = new KubernetesDriver({ kubeConfig: server.kubeConfig, tokenSeconds: 900, pollMs: 25 });
  });

  after(async () => {
    await driver.close();
    await server.close();
  });

  it('ensureNamespace server-side applies the namespace and its least-privileged identity', async () => {
    const ns = namespaceName();
    const mark = server.requests.length;
    await driver.ensureNamespace({ name: ns, labels: { 'clove.dev/event': 'spring-gala' } });
    const applies = since(mark, 'PATCH');
    assert.deepEqual(
      applies.map((r) => r.path),
      [
        `/api/v1/namespaces/${ns}`,
        `/api/v1/namespaces/${ns}/serviceaccounts/clove-workload`,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles/clove-workload`,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings/clove-workload`,
      ],
    );
    for (const request of applies) {
      assert.equal(request.contentType, APPLY);
      assert.equal(request.query.fieldManager, 'clove');
      assert.equal(request.query.force, 'true');
    }
    const [namespace, account, role, binding] = applies.map((r) => r.body as KubeDocument & Record<string, unknown>);
    assert.deepEqual(namespace!.metadata.labels, {
      'clove.dev/event': 'spring-gala',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'app.kubernetes.io/managed-by': 'clove',
    });
    assert.equal(account!.automountServiceAccountToken, false);
    assert.deepEqual(role!.rules, [
      { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['clove-platform'], verbs: ['get'] },
    ]);
    assert.deepEqual(binding!.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'clove-workload' });
    assert.deepEqual(binding!.subjects, [{ kind: 'ServiceAccount', name: 'clove-workload', namespace: ns }]);
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) assert.ok(server.objects.has(kind, ns, 'clove-workload'), kind);
  });

  it('the Pod Security labels cannot be overridden by the requested labels', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } });
    const labels = server.objects.get('Namespace', undefined, ns)?.metadata.labels;
    assert.equal(labels?.['pod-security.kubernetes.io/enforce'], POD_SECURITY_LABELS['pod-security.kubernetes.io/enforce']);
  });

  it('ensureNamespace is idempotent', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    const first = server.objects.get('Namespace', undefined, ns);
    await driver.ensureNamespace({ name: ns, labels: {} });
    const second = server.objects.get('Namespace', undefined, ns);
    assert.equal(second?.metadata.uid, first?.metadata.uid);
    assert.equal(second?.metadata.generation, first?.metadata.generation);
  });

  it('uses the configured field manager', async () => {
    const other = new KubernetesDriver({ kubeConfig: server.kubeConfig, fieldManager: 'clove-deployer' });
    const mark = server.requests.length;
    await other.ensureNamespace({ name: namespaceName(), labels: {} });
    assert.ok(since(mark, 'PATCH').every((r) => r.query.fieldManager === 'clove-deployer'));
  });

  it('issueCredential requests a token of the namespace ServiceAccount', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    const mark = server.requests.length;
    const credential = await driver.issueCredential(ns);
    const [request] = since(mark);
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, `/api/v1/namespaces/${ns}/serviceaccounts/clove-workload/token`);
    assert.deepEqual(request?.body, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['clove'], expirationSeconds: 900 } });
    assert.match(credential.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(credential.expiresAt);
    assert.equal(new Date(credential.expiresAt).toISOString(), credential.expiresAt);
    const lifetime = Date.parse(credential.expiresAt) - Date.now();
    assert.ok(lifetime > 890_000 && lifetime <= 900_000, `token lives ${lifetime} ms`);
  });

  it('issueCredential for a namespace without the identity rejects NOT_FOUND', async () => {
    const error = await rejection(driver.issueCredential(namespaceName()));
    assert.equal(error.code, 'NOT_FOUND');
  });

  it('apply sends Secrets first, then Services and Deployments, HTTPRoutes last, each as given', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    const [secret, deployment, service, route] = documents();
    const input = [route!, deployment!, service!, secret!];
    given.push(...input);
    const pristine = structuredClone(input);
    const mark = server.requests.length;
    await driver.apply(ns, input);
    const applies = since(mark, 'PATCH');
    assert.deepEqual(
      applies.map((r) => r.path),
      [
        `/api/v1/namespaces/${ns}/secrets/clove-platform`,
        `/api/v1/namespaces/${ns}/services/ticketing-r1`,
        `/apis/apps/v1/namespaces/${ns}/deployments/ticketing-r1`,
        `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/ticketing`,
      ],
    );
    for (const [index, document] of [secret!, service!, deployment!, route!].entries()) {
      const request = applies[index]!;
      assert.equal(request.contentType, APPLY);
      assert.deepEqual(request.query, { fieldManager: 'clove', force: 'true' });
      assert.deepEqual(request.body, { ...document, metadata: { ...document.metadata, namespace: ns } });
    }
    assert.deepEqual(input, pristine, 'apply leaves the given documents unchanged');
  });

  it('apply of the same documents is idempotent', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    await driver.apply(ns, documents());
    const first = server.objects.get('Deployment', ns, 'ticketing-r1');
    await driver.apply(ns, documents());
    const second = server.objects.get('Deployment', ns, 'ticketing-r1');
    assert.equal(second?.metadata.generation, first?.metadata.generation);
    assert.equal(second?.metadata.uid, first?.metadata.uid);
  });

  it('an API error surfaces as RuntimeError REJECTED with the API server message', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    const broken = documents().find((d) => d.kind === 'Deployment')!;
    (broken.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels = { 'app.kubernetes.io/name': 'other' };
    const invalid = await rejection(driver.apply(ns, [broken]));
    assert.equal(invalid.code, 'REJECTED');
    assert.match(invalid.message, /`selector` does not match template `labels`/);
    assert.match(invalid.message, /Deployment ticketing-r1/);

    const missing = await rejection(driver.apply(namespaceName(), documents().slice(0, 1)));
    assert.equal(missing.code, 'REJECTED');
    assert.match(missing.message, /namespaces "driver-[0-9a-f]+" not found/);
  });

  it('deleteNamespace deletes the namespace and ignores a missing one', async () => {
    const ns = namespaceName();
    await driver.ensureNamespace({ name: ns, labels: {} });
    await driver.apply(ns, documents());
    const mark = server.requests.length;
    await driver.deleteNamespace(ns);
    await driver.deleteNamespace(ns);
    const deletes = since(mark, 'DELETE');
    assert.deepEqual(
      deletes.map((r) => r.path),
      [`/api/v1/namespaces/${ns}`, `/api/v1/namespaces/${ns}`],
    );
    assert.equal(server.objects.has('Namespace', undefined, ns), false);
    assert.deepEqual(server.objects.list('Deployment', ns), []);
    assert.deepEqual(await driver.status(ns), []);
  });

  it('fromKubeconfig reads a kubeconfig file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clove-kubeconfig-'));
    try {
      const path = join(dir, 'config');
      await writeFile(path, server.kubeConfig.exportConfig());
      const fromFile = KubernetesDriver.fromKubeconfig(path, { pollMs: 25 });
      assert.deepEqual((await fromFile.listNodes()).map((n) => n.name), ['node-a', 'node-b']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('every document sent in an apply, and every document given to apply, passes schema validation', () => {
    const sent = server.requests.filter((r) => r.method === 'PATCH' && r.contentType === APPLY);
    assert.ok(sent.length >= 10);
    for (const request of sent) {
      assert.doesNotThrow(() => validateDocument(request.body), `${request.path}`);
    }
    for (const document of [...given, ...documents()]) validateDocument(document);
  });
});
