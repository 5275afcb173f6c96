/** Runs the deployer's documents on a Kubernetes cluster through the official client. */
import { setTimeout as delay } from 'node:timers/promises';
import { cpuMillis, memoryBytes } from '@clove/kit';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node';
import {
  RuntimeError,
  type ContainerInfo,
  type Credential,
  type DocumentRef,
  type KubeDocument,
  type NamespaceRequest,
  type NodeInfo,
  type RuntimeDriver,
  type WorkloadStatus,
} from '../driver.js';
import { apiFailure, isNotFound, runtimeError } from './api-errors.js';
import { applyOrder, namespaceDocuments, refHeader, TOKEN_AUDIENCE, WORKLOAD_IDENTITY } from './documents.js';
import { desiredReplicas, isRolledOut, labelSelector, notReadyReason, replicaStatus } from './rollout.js';

export interface KubernetesDriverOptions {
  kubeConfig: KubeConfig;
  /** Field manager of server-side applies and patches. Default 'clove'. */
  fieldManager?: string;
  /** Lifetime requested for workload tokens (TokenRequest expirationSeconds). Default 3600. */
  tokenSeconds?: number;
  /** Interval between two readiness checks in waitReady. Default 1000. */
  pollMs?: number;
}

const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const PART_OF_CLOVE = 'app.kubernetes.io/part-of=clove';
const WORKLOAD_LABEL = 'app.kubernetes.io/name';

export class KubernetesDriver implements RuntimeDriver {
  readonly kind = 'kubernetes' as const;
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly fieldManager: string;
  private readonly tokenSeconds: number;
  private readonly pollMs: number;

  constructor(options: KubernetesDriverOptions) {
    this.objects = KubernetesObjectApi.makeApiClient(options.kubeConfig);
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.apps = options.kubeConfig.makeApiClient(AppsV1Api);
    this.fieldManager = options.fieldManager ?? 'clove';
    this.tokenSeconds = options.tokenSeconds ?? 3600;
    this.pollMs = options.pollMs ?? 1000;
  }

  /** A driver for the cluster of a kubeconfig file, or of the default kubeconfig ($KUBECONFIG, ~/.kube/config, in-cluster). */
  static fromKubeconfig(path: string | undefined, options: Omit<KubernetesDriverOptions, 'kubeConfig'> = {}): KubernetesDriver {
    const kubeConfig = new KubeConfig();
    if (path === undefined) kubeConfig.loadFromDefault();
    else kubeConfig.loadFromFile(path);
    return new KubernetesDriver({ ...options, kubeConfig });
  }

  async ensureNamespace(request: NamespaceRequest): Promise<void> {
    for (const document of namespaceDocuments(request)) await this.serverSideApply(document);
  }

  async issueCredential(namespace: string): Promise<Credential> {
    const what = `issue a token for ServiceAccount ${WORKLOAD_IDENTITY} in namespace ${namespace}`;
    try {
      const response = await this.core.createNamespacedServiceAccountToken({
        name: WORKLOAD_IDENTITY,
        namespace,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { audiences: [TOKEN_AUDIENCE], expirationSeconds: this.tokenSeconds },
        },
      });
      const token = response.status?.token;
      if (!token) throw new RuntimeError(`${what} failed: the API server returned no token`, 'REJECTED');
      const expires = response.status?.expirationTimestamp;
      return { token, expiresAt: expires ? new Date(expires).toISOString() : null };
    } catch (error) {
      throw runtimeError(error, what, isNotFound(error) ? 'NOT_FOUND' : 'REJECTED');
    }
  }

  async apply(namespace: string, documents: KubeDocument[]): Promise<void> {
    for (const document of applyOrder(namespace, documents)) await this.serverSideApply(document);
  }

  async remove(namespace: string, documents: DocumentRef[]): Promise<void> {
    const targets = documents.map((ref) => {
      const header = refHeader(namespace, ref);
      if (!header) throw new RuntimeError(`cannot remove ${ref.kind} ${ref.name}: the runtime does not manage ${ref.kind} documents`, 'UNSUPPORTED');
      return header;
    });
    for (const header of targets) {
      const propagation = header.kind === 'Deployment' ? 'Foreground' : undefined;
      try {
        await this.objects.delete(header as KubernetesObject, undefined, undefined, undefined, undefined, propagation);
      } catch (error) {
        if (!isNotFound(error)) throw runtimeError(error, `remove ${header.kind} ${header.metadata.name} in namespace ${namespace}`);
      }
    }
  }

  async waitReady(namespace: string, deployments: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const latest = new Map<string, V1Deployment | null>();
    let pending = [...new Set(deployments)];
    let lastFailure: string | null = null;
    for (;;) {
      for (const name of pending) {
        try {
          latest.set(name, await this.readDeployment(namespace, name));
        } catch (error) {
          const failure = apiFailure(error);
          const transient = failure.status === null || failure.status >= 500 || failure.status === 429;
          if (!transient) throw runtimeError(error, `read Deployment ${name} in namespace ${namespace}`);
          lastFailure = failure.message;
        }
      }
      pending = pending.filter((name) => {
        const deployment = latest.get(name);
        return !deployment || !isRolledOut(deployment);
      });
      if (pending.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await delay(Math.min(this.pollMs, remaining));
    }
    const reasons = await Promise.all(
      pending.map(async (name) => {
        const deployment = latest.get(name) ?? null;
        const pods = deployment ? await this.podsOf(namespace, deployment).catch(() => []) : [];
        return `Deployment ${name}: ${notReadyReason(deployment, pods)}`;
      }),
    );
    if (lastFailure) reasons.push(`last API error: ${lastFailure}`);
    throw new RuntimeError(`not ready after ${timeoutMs} ms in namespace ${namespace}: ${reasons.join('; ')}`, 'NOT_READY');
  }

  async status(namespace: string): Promise<WorkloadStatus[]> {
    try {
      const deployments = (await this.apps.listNamespacedDeployment({ namespace })).items;
      const workloads = await Promise.all(
        deployments.map(async (deployment) => ({
          name: deployment.metadata?.name ?? '',
          desiredReplicas: desiredReplicas(deployment),
          readyReplicas: deployment.status?.readyReplicas ?? 0,
          replicas: (await this.podsOf(namespace, deployment)).map(replicaStatus),
        })),
      );
      return workloads.sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw runtimeError(error, `read the status of namespace ${namespace}`);
    }
  }

  async scale(namespace: string, deployment: string, replicas: number): Promise<void> {
    if (!Number.isSafeInteger(replicas) || replicas < 0) {
      throw new RuntimeError(`cannot scale Deployment ${deployment} to ${replicas} replicas: must be a whole number, 0 or more`, 'REJECTED');
    }
    try {
      await this.apps.patchNamespacedDeploymentScale(
        { name: deployment, namespace, body: { spec: { replicas } }, fieldManager: this.fieldManager },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (error) {
      if (isNotFound(error)) throw new RuntimeError(`Deployment ${deployment} does not exist in namespace ${namespace}`, 'NOT_FOUND');
      throw runtimeError(error, `scale Deployment ${deployment} in namespace ${namespace}`);
    }
  }

  async move(namespace: string, deployment: string, node: string): Promise<void> {
    let hostname: string;
    try {
      const found = await this.core.readNode({ name: node });
      hostname = found.metadata?.labels?.[HOSTNAME_LABEL] ?? node;
    } catch (error) {
      if (isNotFound(error)) throw new RuntimeError(`node ${node} does not exist in the cluster`, 'UNKNOWN_NODE');
      throw runtimeError(error, `read node ${node}`);
    }
    try {
      await this.apps.patchNamespacedDeployment(
        {
          name: deployment,
          namespace,
          body: { spec: { template: { spec: { nodeSelector: { [HOSTNAME_LABEL]: hostname } } } } },
          fieldManager: this.fieldManager,
        },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      );
    } catch (error) {
      if (isNotFound(error)) throw new RuntimeError(`Deployment ${deployment} does not exist in namespace ${namespace}`, 'NOT_FOUND');
      throw runtimeError(error, `move Deployment ${deployment} in namespace ${namespace} to node ${node}`);
    }
  }

  async deleteNamespace(namespace: string): Promise<void> {
    try {
      await this.core.deleteNamespace({ name: namespace });
    } catch (error) {
      if (!isNotFound(error)) throw runtimeError(error, `delete namespace ${namespace}`);
    }
  }

  async listNodes(): Promise<NodeInfo[]> {
    try {
      const nodes = (await this.core.listNode()).items;
      return nodes.map((node) => {
        const allocatable = node.status?.allocatable ?? {};
        return {
          name: node.metadata?.name ?? '',
          ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
          cpuMillis: cpuMillis(allocatable.cpu ?? '') ?? 0,
          memoryBytes: Number(memoryBytes(allocatable.memory ?? '') ?? 0n),
          labels: { ...node.metadata?.labels },
        };
      });
    } catch (error) {
      throw runtimeError(error, 'list nodes');
    }
  }

  async listContainers(namespace?: string): Promise<ContainerInfo[]> {
    try {
      const [pods, deployments] = namespace === undefined
        ? await Promise.all([
          this.core.listPodForAllNamespaces({ labelSelector: PART_OF_CLOVE }),
          this.apps.listDeploymentForAllNamespaces({ labelSelector: PART_OF_CLOVE }),
        ])
        : await Promise.all([this.core.listNamespacedPod({ namespace }), this.apps.listNamespacedDeployment({ namespace })]);
      return pods.items.map((pod) => ({
        ...replicaStatus(pod),
        namespace: pod.metadata?.namespace ?? namespace ?? '',
        workload: deployments.items.find((d) => d.metadata?.namespace === pod.metadata?.namespace && selects(d.spec?.selector?.matchLabels, pod.metadata?.labels))?.metadata?.name ?? '',
        component: pod.metadata?.labels?.[WORKLOAD_LABEL] ?? '',
      }));
    } catch (error) {
      throw runtimeError(error, namespace === undefined ? 'list containers' : `list containers in namespace ${namespace}`);
    }
  }

  async close(): Promise<void> {}


  private async serverSideApply(document: KubeDocument): Promise<void> {
    const where = document.metadata.namespace ? ` in namespace ${document.metadata.namespace}` : '';
    try {
      await this.objects.patch(document as KubernetesObject, undefined, undefined, this.fieldManager, true, PatchStrategy.ServerSideApply);
    } catch (error) {
      throw runtimeError(error, `apply ${document.kind} ${document.metadata.name ?? ''}${where}`);
    }
  }

  private async readDeployment(namespace: string, name: string): Promise<V1Deployment | null> {
    try {
      return await this.apps.readNamespacedDeployment({ name, namespace });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async podsOf(namespace: string, deployment: V1Deployment): Promise<V1Pod[]> {
    const selector = labelSelector(deployment.spec?.selector);
    if (selector === '') return [];
    const pods = (await this.core.listNamespacedPod({ namespace, labelSelector: selector })).items;
    return pods.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  }
}

/** Whether a Deployment's matchLabels select a pod's labels. */
function selects(matchLabels: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!matchLabels || Object.keys(matchLabels).length === 0) return false;
  return Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value);
}
