/**
 * What the deployer asks of a runtime: the local one (supervised processes on this machine)
 * or a Kubernetes cluster. Both take the same rendered documents and pass one contract suite
 * (runtime/contract.ts).
 */

/** A Kubernetes document as data: apiVersion, kind, metadata, spec… */
export type KubeDocument = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
};

/** Identifies one applied document for removal. */
export interface DocumentRef {
  kind: string;
  name: string;
}

export interface NamespaceRequest {
  /** DNS label, e.g. perf-spring-gala. */
  name: string;
  labels: Record<string, string>;
}

/** A credential of the namespace's own identity, for its workloads. */
export interface Credential {
  token: string;
  /** ISO time, or null when the token does not expire. */
  expiresAt: string | null;
}

export type ReplicaState = 'starting' | 'running' | 'backoff' | 'failed' | 'stopping' | 'stopped' | 'pending';

export interface ReplicaStatus {
  name: string;
  node: string;
  state: ReplicaState;
  ready: boolean;
  restarts: number;
  startedAt: string | null;
  /** Why it is not running, e.g. the last exit code or a container waiting reason. */
  message?: string;
  /** Process id (local runtime). */
  pid?: number;
  /** Where the replica itself answers, e.g. http://127.0.0.1:41234 (local runtime). */
  address?: string;
}

/** One Deployment's state in a namespace. */
export interface WorkloadStatus {
  name: string;
  desiredReplicas: number;
  readyReplicas: number;
  replicas: ReplicaStatus[];
}

export interface NodeInfo {
  name: string;
  ready: boolean;
  /** Allocatable (Kubernetes) or installed (local) capacity. */
  cpuMillis: number;
  memoryBytes: number;
  labels: Record<string, string>;
}

export interface ContainerInfo extends ReplicaStatus {
  namespace: string;
  /** The Deployment the replica belongs to, e.g. ticketing-r2. */
  workload: string;
  /** The component (app.kubernetes.io/name of its pod), e.g. ticketing. */
  component: string;
}

export class RuntimeError extends Error {
  constructor(message: string, readonly code: 'NOT_READY' | 'UNSUPPORTED' | 'UNKNOWN_NODE' | 'NOT_FOUND' | 'REJECTED' = 'REJECTED') {
    super(message);
    this.name = 'RuntimeError';
  }
}

export interface RuntimeDriver {
  readonly kind: 'local' | 'kubernetes';
  /** Creates the namespace and its least-privileged identity. Idempotent. */
  ensureNamespace(request: NamespaceRequest): Promise<void>;
  /** A fresh token of the namespace's identity (TokenRequest on Kubernetes). */
  issueCredential(namespace: string): Promise<Credential>;
  /** Creates or updates the documents (Secret, Deployment, Service, HTTPRoute) in the namespace. Idempotent. */
  apply(namespace: string, documents: KubeDocument[]): Promise<void>;
  /**
   * Removes documents; missing ones are not an error; an unsupported kind is UNSUPPORTED. A
   * removed Deployment's replicas finish in-flight requests first. Effects of remove, scale and
   * deleteNamespace may show in status a little later on a cluster.
   */
  remove(namespace: string, documents: DocumentRef[]): Promise<void>;
  /** Resolves when every named Deployment has all its desired replicas ready; RuntimeError NOT_READY after the timeout. */
  waitReady(namespace: string, deployments: string[], timeoutMs: number): Promise<void>;
  /** The namespace's Deployments and their replicas. */
  status(namespace: string): Promise<WorkloadStatus[]>;
  /** Sets a Deployment's replica count (0 allowed). */
  scale(namespace: string, deployment: string, replicas: number): Promise<void>;
  /** Runs a Deployment's replicas on the named node. */
  move(namespace: string, deployment: string, node: string): Promise<void>;
  /** Removes the namespace and everything in it. Idempotent. */
  deleteNamespace(namespace: string): Promise<void>;
  listNodes(): Promise<NodeInfo[]>;
  /** Replicas of every managed namespace, or of one. */
  listContainers(namespace?: string): Promise<ContainerInfo[]>;
  /** Releases what the driver holds in this process (the local runtime stops its processes; desired state stays). */
  close(): Promise<void>;
  /**
   * The deployer has brought its deployments back after a start: what a previous run left
   * running that none of them took back is stopped (the local runtime's adopted replicas).
   */
  recovered?(): Promise<void>;
}
