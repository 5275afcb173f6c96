/**
 * The behaviour every runtime driver must have, as node:test cases. A driver's test file calls
 * `runtimeContract(name, harness)`; each case works in a namespace of its own.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setInterval as poll } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { RuntimeError, type KubeDocument, type RuntimeDriver, type WorkloadStatus } from './driver.js';

export interface ContractHarness {
  driver: RuntimeDriver;
  /** An image the runtime can run: an HTTP server answering GET /readyz with 200 on `port`. */
  image: string;
  /** An image whose replicas never become ready. */
  neverReadyImage: string;
  /** The container port of both images. */
  port: number;
  /** A node that exists in the runtime. */
  node: string;
  dispose(): Promise<void>;
}

/** How long a workload that can run may take to become ready. */
const READY_TIMEOUT_MS = 120_000;
/** The timeout given to waitReady for a workload that never becomes ready. */
const NOT_READY_TIMEOUT_MS = 3_000;
/** How long asynchronous effects (removals, deletions, rescheduling) may take to show in status. */
const SETTLE_TIMEOUT_MS = 60_000;

export interface WorkloadOptions {
  app: string;
  revision: number;
  image: string;
  port: number;
  replicas: number;
}

/** Secret, Deployment, Service and HTTPRoute of one app revision, as the deployer renders them. */
export function workloadDocuments(options: WorkloadOptions): KubeDocument[] {
  const { app, revision, image, port, replicas } = options;
  const deployment = `${app}-r${revision}`;
  const selector = { 'app.kubernetes.io/name': app, 'clove.dev/revision': String(revision) };
  const labels = { ...selector, 'app.kubernetes.io/part-of': 'clove' };
  const probe = { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 10 };
  const restricted = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'clove-platform', labels: { 'app.kubernetes.io/part-of': 'clove' } },
      type: 'Opaque',
      stringData: { DATABASE_URL: 'postgres://clove:clove@127.0.0.1:5432/clove', DEPLOYMENT_TOKEN: 'contract-token' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: deployment, labels },
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            serviceAccountName: 'clove-workload',
            securityContext: restricted,
            containers: [
              {
                name: app,
                image,
                ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
                env: [{ name: 'SLUG', value: 'gala' }],
                envFrom: [{ secretRef: { name: 'clove-platform' } }],
                resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
                readinessProbe: probe,
                livenessProbe: { ...probe, failureThreshold: 6 },
                securityContext: { ...restricted, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: deployment, labels },
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: app, labels },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'clove', namespace: 'clove-system' }],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/e/gala' } }],
            filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
            backendRefs: [{ name: deployment, port }],
          },
        ],
      },
    },
  ];
}

/** Resolves with the first value `probe` returns that `accept` takes; fails with the last value after the timeout. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = SETTLE_TIMEOUT_MS, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  if (accept(value)) return value;
  for await (const _ of poll(intervalMs)) {
    value = await probe();
    if (accept(value)) return value;
    if (Date.now() >= deadline) break;
  }
  assert.fail(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
}

async function rejectsWith(promise: Promise<unknown>, code: RuntimeError['code'], mentions: string[] = []): Promise<RuntimeError> {
  let caught: unknown;
  await promise.then(
    () => assert.fail(`expected RuntimeError ${code}`),
    (error: unknown) => {
      caught = error;
    },
  );
  assert.ok(caught instanceof RuntimeError, `expected RuntimeError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const text of mentions) assert.ok(caught.message.includes(text), `"${caught.message}" should mention ${text}`);
  return caught;
}

function workload(statuses: WorkloadStatus[], name: string): WorkloadStatus | undefined {
  return statuses.find((s) => s.name === name);
}

export function runtimeContract(name: string, harness: () => Promise<ContractHarness>): void {
  describe(`runtime contract: ${name}`, () => {
    let h: ContractHarness;
    let counter = 0;
    const created: string[] = [];
    const app = 'ticketing';
    const deployment = `${app}-r1`;
    const documents = (replicas = 2, image = h.image) => workloadDocuments({ app, revision: 1, image, port: h.port, replicas });

    /** A fresh namespace with the driver's identity in it. */
    async function namespace(): Promise<string> {
      const ns = `contract-${++counter}-${randomBytes(3).toString('hex')}`;
      created.push(ns);
      await h.driver.ensureNamespace({ name: ns, labels: { 'clove.dev/contract': 'true' } });
      return ns;
    }

    /** A namespace running the workload with `replicas` ready replicas. */
    async function running(replicas = 2): Promise<string> {
      const ns = await namespace();
      await h.driver.apply(ns, documents(replicas));
      await h.driver.waitReady(ns, [deployment], READY_TIMEOUT_MS);
      return ns;
    }

    before(async () => {
      h = await harness();
    });

    after(async () => {
      if (!h) return;
      try {
        for (const ns of created) await h.driver.deleteNamespace(ns);
      } finally {
        await h.dispose();
      }
    });

    it('ensureNamespace is idempotent and the namespace identity gets credentials', async () => {
      const ns = await namespace();
      await h.driver.ensureNamespace({ name: ns, labels: { 'clove.dev/contract': 'true' } });
      assert.deepEqual(await h.driver.status(ns), []);
      const credential = await h.driver.issueCredential(ns);
      assert.ok(credential.token.length > 0);
      if (credential.expiresAt !== null) assert.ok(Date.parse(credential.expiresAt) > Date.now(), credential.expiresAt);
    });

    it('applies a workload, waits for it and reports its replicas', async () => {
      const ns = await running(2);
      const status = workload(await h.driver.status(ns), deployment);
      assert.ok(status, `status lists ${deployment}`);
      assert.equal(status.desiredReplicas, 2);
      assert.equal(status.readyReplicas, 2);
      assert.equal(status.replicas.length, 2);
      for (const replica of status.replicas) {
        assert.equal(replica.ready, true, JSON.stringify(replica));
        assert.equal(replica.state, 'running');
        assert.equal(typeof replica.node, 'string');
      }
      const containers = await h.driver.listContainers(ns);
      assert.equal(containers.length, 2);
      for (const container of containers) {
        assert.equal(container.namespace, ns);
        assert.equal(container.workload, deployment);
        assert.equal(container.component, app);
      }
      const everywhere = await h.driver.listContainers();
      assert.equal(everywhere.filter((c) => c.namespace === ns).length, 2);
    });

    it('apply is idempotent', async () => {
      const ns = await running(2);
      await h.driver.apply(ns, documents(2));
      await h.driver.waitReady(ns, [deployment], READY_TIMEOUT_MS);
      const statuses = await h.driver.status(ns);
      assert.deepEqual(statuses.map((s) => [s.name, s.desiredReplicas, s.readyReplicas]), [[deployment, 2, 2]]);
    });

    it('scales a Deployment down to one replica and to zero', async () => {
      const ns = await running(2);
      await h.driver.scale(ns, deployment, 1);
      await h.driver.waitReady(ns, [deployment], READY_TIMEOUT_MS);
      const one = await eventually(
        async () => workload(await h.driver.status(ns), deployment),
        (s) => s?.desiredReplicas === 1 && s.readyReplicas === 1 && s.replicas.filter((r) => r.ready).length === 1,
      );
      assert.equal(one?.readyReplicas, 1);
      await h.driver.scale(ns, deployment, 0);
      await h.driver.waitReady(ns, [deployment], READY_TIMEOUT_MS);
      const zero = await eventually(
        async () => workload(await h.driver.status(ns), deployment),
        (s) => s?.desiredReplicas === 0 && s.readyReplicas === 0,
      );
      assert.equal(zero?.readyReplicas, 0);
    });

    it('waitReady rejects NOT_READY for replicas that never become ready', async () => {
      const ns = await namespace();
      await h.driver.apply(ns, documents(1, h.neverReadyImage));
      const started = Date.now();
      await rejectsWith(h.driver.waitReady(ns, [deployment], NOT_READY_TIMEOUT_MS), 'NOT_READY', [deployment]);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < NOT_READY_TIMEOUT_MS + 10_000, `took ${elapsed} ms to give up`);
      const status = workload(await h.driver.status(ns), deployment);
      assert.equal(status?.readyReplicas, 0);
    });

    it('scale of an unknown Deployment rejects NOT_FOUND', async () => {
      const ns = await namespace();
      await rejectsWith(h.driver.scale(ns, 'no-such-deployment', 1), 'NOT_FOUND');
    });

    it('lists at least one ready node with capacity', async () => {
      const nodes = await h.driver.listNodes();
      assert.ok(nodes.some((n) => n.ready && n.cpuMillis > 0 && n.memoryBytes > 0), JSON.stringify(nodes));
      assert.ok(nodes.some((n) => n.name === h.node), `listNodes includes ${h.node}`);
    });

    it('move runs the replicas on the named node', async () => {
      const ns = await running(2);
      await h.driver.move(ns, deployment, h.node);
      await eventually(
        async () => workload(await h.driver.status(ns), deployment),
        (s) => s?.readyReplicas === 2 && s.replicas.length === 2 && s.replicas.every((r) => r.ready && r.node === h.node),
        READY_TIMEOUT_MS,
      );
    });

    it('move to an unknown node rejects UNKNOWN_NODE', async () => {
      const ns = await running(1);
      await rejectsWith(h.driver.move(ns, deployment, 'no-such-node'), 'UNKNOWN_NODE', ['no-such-node']);
    });

    it('remove deletes documents and ignores missing ones', async () => {
      const ns = await running(1);
      const refs = [
        { kind: 'Deployment', name: deployment },
        { kind: 'Service', name: deployment },
      ];
      await h.driver.remove(ns, refs);
      await eventually(
        () => h.driver.status(ns),
        (statuses) => !workload(statuses, deployment),
      );
      await h.driver.remove(ns, refs);
    });

    it('deleteNamespace is idempotent and leaves no workloads', async () => {
      const ns = await running(1);
      await h.driver.deleteNamespace(ns);
      await h.driver.deleteNamespace(ns);
      await eventually(
        () => h.driver.status(ns),
        (statuses) => statuses.length === 0,
      );
    });
  });
}
