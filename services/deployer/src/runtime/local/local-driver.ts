import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  RuntimeError,
  type ContainerInfo, type Credential, type DocumentRef, type KubeDocument, type NamespaceRequest, type NodeInfo,
  type RuntimeDriver, type WorkloadStatus,
} from '../driver.js';
import type { SlowStop } from '@clove/kit';
import { podRecipe } from './pod-recipe.js';
import { LocalWorkload } from './local-workload.js';
import { ReplicaRegistry, type ReplicaRecord } from './replica-registry.js';
import { stopSurvivor } from './stop-survivor.js';
import { gatewayRoutesOf } from './http-routes.js';
import type { GatewayRoute, RouteTable } from './route-table.client.js';

export interface LocalDriverOptions {
  /** Folder of this repository's services (services/<name>/dist/server.js). */
  servicesDir: string;
  /** Replicas' logs go to <logDir>/<namespace>/<replica>.log. */
  logDir: string;
  /** Where HTTPRoutes become routes: the gateway's route table. */
  routes: RouteTable;
  /** Variables every replica gets besides its own (PATH, NODE_ENV…). */
  baseEnv?: Record<string, string>;
  onError?: (error: unknown, context: string) => void;
  /** A replica ("namespace/name") takes long to stop: told while it lasts and when it is gone. */
  onSlowStop?: (replica: string, stop: SlowStop) => void;
  /** After how long a stop counts as slow; 3 s by default. */
  slowStopMs?: number;
  /**
   * Where the running replicas are recorded (<stateDir>/replicas.json): the next run of the
   * deployer adopts those still running. Unset, nothing is recorded or adopted.
   */
  stateDir?: string;
  /**
   * The platform's lifeline (the kit's lifelineOf(), e.g. of the launcher): replicas outlive a
   * crash of the deployer and stop when that process is gone. Unset, they stop with the deployer.
   */
  lifeline?: string;
}

interface LocalNamespace {
  labels: Record<string, string>;
  secrets: Map<string, Record<string, string>>;
  services: Map<string, Record<string, string>>;
  routes: Map<string, KubeDocument>;
  workloads: Map<string, LocalWorkload>;
  /** Routes last sent to the gateway, by prefix. */
  published: Map<string, GatewayRoute>;
}

/**
 * The embedded runtime: interprets Deployments (supervised processes per replica, readiness
 * probed before traffic), Services (the ready replicas their selector picks) and HTTPRoutes
 * (gateway routes whose upstreams are those replicas). A namespace's database is the
 * deployer's business; here a namespace is a group of processes and routes. State lives in
 * this process: the deployer applies its deployments again when it starts. With a lifeline,
 * replicas outlive a crash of the deployer, like pods a crash of a cluster's control plane:
 * applying their Deployment again adopts them (same pid, same port), so they keep serving.
 */
export class LocalDriver implements RuntimeDriver {
  readonly kind = 'local' as const;
  readonly nodeName = hostname();
  private readonly namespaces = new Map<string, LocalNamespace>();
  private syncing = Promise.resolve();
  private readonly registry: ReplicaRegistry | null;
  /** Replicas a previous run left running, until a Deployment adopts them or they are stopped. */
  private survivors: ReplicaRecord[];

  constructor(private readonly options: LocalDriverOptions) {
    this.registry = options.stateDir
      ? new ReplicaRegistry(join(options.stateDir, 'replicas.json'), (error) => options.onError?.(error, 'the record of running replicas'))
      : null;
    this.survivors = this.registry?.survivors() ?? [];
  }

  async ensureNamespace(request: NamespaceRequest): Promise<void> {
    const existing = this.namespaces.get(request.name);
    if (existing) {
      existing.labels = { ...request.labels };
      return;
    }
    await mkdir(join(this.options.logDir, request.name), { recursive: true });
    this.namespaces.set(request.name, {
      labels: { ...request.labels },
      secrets: new Map(),
      services: new Map(),
      routes: new Map(),
      workloads: new Map(),
      published: new Map(),
    });
  }

  async issueCredential(namespace: string): Promise<Credential> {
    this.namespace(namespace);
    return { token: randomBytes(32).toString('base64url'), expiresAt: null };
  }

  async apply(namespace: string, documents: KubeDocument[]): Promise<void> {
    const ns = this.namespace(namespace);
    const ordered = [...documents].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    const updates: Array<Promise<void>> = [];
    for (const document of ordered) {
      const name = document.metadata.name;
      switch (document.kind) {
        case 'Secret':
          ns.secrets.set(name, secretData(document));
          break;
        case 'Service':
          ns.services.set(name, { ...((document as { spec?: { selector?: Record<string, string> } }).spec?.selector ?? {}) });
          break;
        case 'Deployment': {
          const recipe = podRecipe(document, { servicesDir: this.options.servicesDir, secrets: ns.secrets, baseEnv: this.options.baseEnv ?? {} });
          const replicas = Number((document as { spec?: { replicas?: number } }).spec?.replicas ?? 1);
          let workload = ns.workloads.get(name);
          if (!workload) {
            const { registry } = this;
            workload = new LocalWorkload(namespace, name, recipe, join(this.options.logDir, namespace), this.nodeName, {
              changed: () => this.scheduleSync(namespace),
              ...(this.options.onSlowStop ? { slowStop: this.options.onSlowStop } : {}),
              ...(this.options.slowStopMs !== undefined ? { slowStopMs: this.options.slowStopMs } : {}),
              ...(registry ? { recorded: (r) => void registry.record(r), forgotten: (r) => void registry.forget(r) } : {}),
            }, {
              survivors: this.claimSurvivors((s) => s.namespace === namespace && s.workload === name),
              ...(this.options.lifeline ? { lifeline: this.options.lifeline } : {}),
            });
            ns.workloads.set(name, workload);
          }
          updates.push(workload.update(recipe, replicas));
          break;
        }
        case 'HTTPRoute':
          ns.routes.set(name, structuredClone(document));
          break;
        default:
          throw new RuntimeError(`The local runtime does not run ${document.kind} documents.`, 'UNSUPPORTED');
      }
    }
    await Promise.all(updates);
    await this.sync(namespace);
  }

  async remove(namespace: string, documents: DocumentRef[]): Promise<void> {
    // Replicas a previous run of the deployer left running, of Deployments not applied since.
    const removed = new Set(documents.filter((d) => d.kind === 'Deployment').map((d) => d.name));
    const leftovers = this.stopSurvivors((s) => s.namespace === namespace && removed.has(s.workload));
    const ns = this.namespaces.get(namespace);
    if (!ns) {
      // Routes a previous run of the deployer published outlive it in the gateway.
      for (const { name } of documents.filter((d) => d.kind === 'HTTPRoute')) await this.options.routes.removeOwnedBy(`${namespace}/${name}`);
      await leftovers;
      return;
    }
    const stopping: Array<Promise<void>> = [leftovers];
    for (const { kind, name } of documents) {
      if (kind === 'Secret') ns.secrets.delete(name);
      if (kind === 'Service') ns.services.delete(name);
      if (kind === 'HTTPRoute') ns.routes.delete(name);
      if (kind === 'Deployment') {
        const workload = ns.workloads.get(name);
        ns.workloads.delete(name);
        if (workload) stopping.push(workload.stop());
      }
    }
    // Traffic leaves first; then the replicas stop, finishing what they are serving.
    await this.sync(namespace);
    await Promise.all(stopping);
  }

  async waitReady(namespace: string, deployments: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ns = this.namespace(namespace);
      const workloads = deployments.map((name) => {
        const workload = ns.workloads.get(name);
        if (!workload) throw new RuntimeError(`No Deployment ${name} in ${namespace}.`, 'NOT_FOUND');
        return workload;
      });
      const pending = workloads.filter((w) => { const s = w.status(); return s.readyReplicas < s.desiredReplicas || s.replicas.length > s.desiredReplicas; });
      if (pending.length === 0) return;
      const broken = pending.find((w) => w.hasFailedReplica());
      if (broken || Date.now() >= deadline) {
        const why = pending.map((w) => w.describeTrouble()).join('; ');
        throw new RuntimeError(`${broken ? 'A replica refused its configuration' : `Not ready within ${timeoutMs} ms`}: ${why}`, 'NOT_READY');
      }
      await delay(50);
    }
  }

  async status(namespace: string): Promise<WorkloadStatus[]> {
    const ns = this.namespaces.get(namespace);
    if (!ns) return [];
    return [...ns.workloads.values()].map((w) => w.status()).sort((a, b) => a.name.localeCompare(b.name));
  }

  async scale(namespace: string, deployment: string, replicas: number): Promise<void> {
    const workload = this.namespaces.get(namespace)?.workloads.get(deployment);
    if (!workload) throw new RuntimeError(`No Deployment ${deployment} in ${namespace}.`, 'NOT_FOUND');
    workload.scale(replicas);
    await this.sync(namespace);
  }

  /** There is one node, this machine: moving to it changes nothing; any other node is unknown. */
  async move(namespace: string, deployment: string, node: string): Promise<void> {
    if (node !== this.nodeName) {
      throw new RuntimeError(`The local runtime has one node, ${this.nodeName}; there is no node ${node}.`, 'UNKNOWN_NODE');
    }
    if (!this.namespaces.get(namespace)?.workloads.has(deployment)) throw new RuntimeError(`No Deployment ${deployment} in ${namespace}.`, 'NOT_FOUND');
  }

  async deleteNamespace(namespace: string): Promise<void> {
    const ns = this.namespaces.get(namespace);
    if (ns) {
      ns.routes.clear();
      await this.sync(namespace);
      await Promise.all([...ns.workloads.values()].map((w) => w.stop()));
      this.namespaces.delete(namespace);
    }
    // Also routes a previous run published, which this run never knew, then the replicas it left running.
    await this.options.routes.removeOwnedBy(namespace);
    await this.stopSurvivors((s) => s.namespace === namespace);
  }

  /** The deployments are back: replicas a previous run left running that none of them adopted are stopped. */
  async recovered(): Promise<void> {
    await this.stopSurvivors(() => true);
  }

  async listNodes(): Promise<NodeInfo[]> {
    return [{
      name: this.nodeName,
      ready: true,
      cpuMillis: cpus().length * 1000,
      memoryBytes: totalmem(),
      labels: { 'kubernetes.io/hostname': this.nodeName, 'clove.dev/runtime': 'local' },
    }];
  }

  async listContainers(namespace?: string): Promise<ContainerInfo[]> {
    const names = namespace ? [namespace] : [...this.namespaces.keys()];
    return names.flatMap((name) => [...(this.namespaces.get(name)?.workloads.values() ?? [])].flatMap((w) =>
      w.status().replicas.map((replica) => ({ ...replica, namespace: name, workload: w.name, component: w.labels['app.kubernetes.io/name'] ?? w.name }))));
  }

  /** Stops every replica (routes stay; the deployer applies its deployments again on start). */
  async close(): Promise<void> {
    const all = [...this.namespaces.values()].flatMap((ns) => [...ns.workloads.values()]);
    this.namespaces.clear();
    await Promise.all([...all.map((w) => w.stop()), this.stopSurvivors(() => true)]);
    await this.registry?.flushed();
  }

  /** Takes the survivors that match out of those waiting to be adopted. */
  private claimSurvivors(match: (survivor: ReplicaRecord) => boolean): ReplicaRecord[] {
    const claimed = this.survivors.filter(match);
    this.survivors = this.survivors.filter((s) => !match(s));
    return claimed;
  }

  private async stopSurvivors(match: (survivor: ReplicaRecord) => boolean): Promise<void> {
    await Promise.all(this.claimSurvivors(match).map(async (survivor) => {
      await stopSurvivor(survivor, join(this.options.logDir, survivor.namespace));
      await this.registry?.forget(survivor);
    }));
  }

  private namespace(name: string): LocalNamespace {
    const ns = this.namespaces.get(name);
    if (!ns) throw new RuntimeError(`No namespace ${name}.`, 'NOT_FOUND');
    return ns;
  }

  private scheduleSync(namespace: string): void {
    void this.sync(namespace).catch((error: unknown) => this.options.onError?.(error, `routes of ${namespace}`));
  }

  /** Sends the namespace's routes to the gateway, one update at a time, only what changed. */
  private sync(namespace: string): Promise<void> {
    const run = this.syncing.then(() => this.publish(namespace));
    this.syncing = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      throw new RuntimeError(`The gateway did not take the routes of ${namespace}: ${(error as Error).message}`, 'REJECTED');
    });
  }

  private async publish(namespace: string): Promise<void> {
    const ns = this.namespaces.get(namespace);
    if (!ns) return;
    const wanted = gatewayRoutesOf(namespace, [...ns.routes.values()], (service) => {
      const selector = ns.services.get(service);
      if (!selector) return [];
      return [...ns.workloads.values()]
        .filter((w) => Object.entries(selector).every(([key, value]) => w.labels[key] === value))
        .flatMap((w) => w.readyUrls());
    });
    for (const route of wanted) {
      const previous = ns.published.get(route.prefix);
      // With no ready replica, the route keeps its last upstreams: callers get 502, not 404.
      const next = route.upstreams.length === 0 && previous ? { ...route, upstreams: previous.upstreams } : route;
      if (next.upstreams.length === 0) continue;
      if (previous && JSON.stringify(previous) === JSON.stringify(next)) continue;
      await this.options.routes.put(next);
      ns.published.set(next.prefix, next);
    }
    const kept = new Set(wanted.map((r) => r.prefix));
    for (const prefix of [...ns.published.keys()]) {
      if (kept.has(prefix)) continue;
      await this.options.routes.remove(prefix);
      ns.published.delete(prefix);
    }
  }
}

const KIND_ORDER = ['Secret', 'Service', 'Deployment', 'HTTPRoute'];

function secretData(document: KubeDocument): Record<string, string> {
  const { data, stringData } = document as { data?: Record<string, string>; stringData?: Record<string, string> };
  const decoded = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return { ...decoded, ...(stringData ?? {}) };
}
