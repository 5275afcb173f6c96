/**
 * What the controllers and kubelets of a cluster would do, for the fake API server: Deployments get Pods,
 * Pods get scheduled and become ready, and the Deployment status follows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonical, isRecord, type ObjectStore, type StoredObject } from './fake-store.js';

export interface ClusterBehaviour {
  /** How long a new Pod takes to become ready. */
  readyAfterMs: number;
  /** How often a crashing container restarts. */
  restartEveryMs: number;
  /** Images whose containers crash at start, so their Pods never become ready. */
  neverReady: (image: string) => boolean;
}

export const FAKE_NODES = ['node-a', 'node-b'] as const;

/** The preset nodes: Ready, 4 CPUs and 16Gi allocatable. */
export function nodeObjects(): StoredObject[] {
  return FAKE_NODES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  }));
}

interface Container {
  name: string;
  image: string;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function templateOf(deployment: StoredObject): { labels: Record<string, string>; spec: Record<string, unknown> } {
  const template = record(record(deployment.spec).template);
  return { labels: { ...(record(record(template.metadata).labels) as Record<string, string>) }, spec: record(template.spec) };
}

function containersOf(podSpec: Record<string, unknown>): Container[] {
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  return containers.map((c) => ({ name: String(record(c).name ?? ''), image: String(record(c).image ?? '') }));
}

/** The pod-template-hash of a Deployment's template. */
function templateHash(deployment: StoredObject): string {
  return createHash('sha256').update(canonical(record(deployment.spec).template)).digest('hex').slice(0, 10);
}

/** The ReplicaSet name a Pod belongs to, from its controller reference. */
function ownerName(pod: StoredObject): string | undefined {
  const refs = Array.isArray(pod.metadata.ownerReferences) ? pod.metadata.ownerReferences : [];
  const controller = refs.map(record).find((ref) => ref.controller === true && ref.kind === 'ReplicaSet');
  return typeof controller?.name === 'string' ? controller.name : undefined;
}

/** True when the Pod's ReplicaSet is `<deployment>-<hash>` of this Deployment. */
function ownedBy(pod: StoredObject, deployment: string): boolean {
  const owner = ownerName(pod);
  return owner !== undefined && owner.startsWith(`${deployment}-`) && /^[a-z0-9]+$/.test(owner.slice(deployment.length + 1));
}

function schedule(store: ObjectStore, podSpec: Record<string, unknown>, siblings: StoredObject[]): string | null {
  const selector = record(podSpec.nodeSelector) as Record<string, string>;
  const candidates = store.list('Node').filter((node) => Object.entries(selector).every(([key, value]) => node.metadata.labels?.[key] === value));
  if (candidates.length === 0) return null;
  const load = (name: string) => siblings.filter((pod) => record(pod.spec).nodeName === name).length;
  return candidates.map((node) => node.metadata.name).sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0] ?? null;
}

function createPod(store: ObjectStore, deployment: StoredObject, hash: string, siblings: StoredObject[]): StoredObject {
  const replicaSet = `${deployment.metadata.name}-${hash}`;
  const template = templateOf(deployment);
  const nodeName = schedule(store, template.spec, siblings);
  const pod: StoredObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${replicaSet}-${randomBytes(3).toString('hex').slice(0, 5)}`,
      namespace: deployment.metadata.namespace!,
      labels: { ...template.labels, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet, uid: String(deployment.metadata.uid), controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...structuredClone(template.spec), ...(nodeName ? { nodeName } : {}) },
    status: {},
  };
  return store.put(pod);
}

/** Sets a Pod's status from its age: scheduling, container creation, running and ready, or crash looping. */
function updatePodStatus(pod: StoredObject, behaviour: ClusterBehaviour, now: number): void {
  const spec = record(pod.spec);
  const created = Date.parse(String(pod.metadata.creationTimestamp));
  const containers = containersOf(spec);
  if (typeof spec.nodeName !== 'string') {
    pod.status = {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector." }],
    };
    return;
  }
  const startTime = new Date(created).toISOString();
  const elapsed = now - created;
  const crashing = containers.some((c) => behaviour.neverReady(c.image));
  const creating = !crashing && elapsed < behaviour.readyAfterMs;
  const ready = !crashing && !creating;
  const containerStatuses = containers.map((c) => {
    const base = { name: c.name, image: c.image, imageID: `${c.image}@sha256:${createHash('sha256').update(c.image).digest('hex')}` };
    if (behaviour.neverReady(c.image)) {
      const restartCount = 1 + Math.floor(elapsed / behaviour.restartEveryMs);
      return {
        ...base,
        ready: false,
        started: false,
        restartCount,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${c.name} pod=${pod.metadata.name}` } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: startTime, finishedAt: new Date(now).toISOString() } },
      };
    }
    if (creating) return { ...base, ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
    return { ...base, ready, started: true, restartCount: 0, state: { running: { startedAt: startTime } } };
  });
  const condition = (type: string, status: boolean) => ({ type, status: status ? 'True' : 'False', ...(status ? {} : { reason: 'ContainersNotReady' }) });
  pod.status = {
    phase: creating ? 'Pending' : 'Running',
    hostIP: '10.0.0.1',
    podIP: `10.244.0.${(created % 250) + 2}`,
    startTime,
    conditions: [condition('PodScheduled', true), condition('Initialized', true), condition('ContainersReady', ready), condition('Ready', ready)],
    containerStatuses,
  };
}

function isReady(pod: StoredObject): boolean {
  const conditions = Array.isArray(record(pod.status).conditions) ? (record(pod.status).conditions as unknown[]) : [];
  return conditions.map(record).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Deployment status with the zero counts left out, as the API server serializes it. */
function deploymentStatus(deployment: StoredObject, replicaSet: string, pods: StoredObject[], desired: number): Record<string, unknown> {
  const ready = pods.filter(isReady).length;
  const counts = { replicas: pods.length, updatedReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, unavailableReplicas: Math.max(0, desired - ready) };
  const available = ready >= desired;
  const progressed = ready === desired && pods.length === desired;
  return {
    observedGeneration: deployment.metadata.generation,
    ...Object.fromEntries(Object.entries(counts).filter(([, value]) => value > 0)),
    conditions: [
      available
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      progressed
        ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${replicaSet}" has successfully progressed.` }
        : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${replicaSet}" is progressing.` },
    ],
  };
}

/** Brings Pods and Deployment status in line with the stored Deployments. */
export function reconcile(store: ObjectStore, behaviour: ClusterBehaviour, now = Date.now()): void {
  const deployments = store.list('Deployment');
  for (const pod of store.list('Pod')) {
    const namespace = pod.metadata.namespace;
    if (!deployments.some((d) => d.metadata.namespace === namespace && ownedBy(pod, d.metadata.name))) store.delete('Pod', namespace, pod.metadata.name);
  }
  for (const deployment of deployments) {
    const namespace = deployment.metadata.namespace;
    const hash = templateHash(deployment);
    const desired = typeof record(deployment.spec).replicas === 'number' ? (record(deployment.spec).replicas as number) : 1;
    const owned = store.list('Pod', namespace).filter((pod) => ownedBy(pod, deployment.metadata.name));
    for (const pod of owned) if (pod.metadata.labels?.['pod-template-hash'] !== hash) store.delete('Pod', namespace, pod.metadata.name);
    const current = owned.filter((pod) => pod.metadata.labels?.['pod-template-hash'] === hash);
    while (current.length > desired) store.delete('Pod', namespace, current.pop()!.metadata.name);
    while (current.length < desired) current.push(createPod(store, deployment, hash, current));
    for (const pod of current) updatePodStatus(pod, behaviour, now);
    deployment.status = deploymentStatus(deployment, `${deployment.metadata.name}-${hash}`, current, desired);
  }
}
