import { request } from '@clove/web-kit/client';

/** GET /system/monitor/nodes. */
export interface NodeView {
  name: string;
  ready: boolean;
  cpuMillis: number;
  memoryBytes: number;
  labels: Record<string, string>;
  /** Sum of the latest samples of the replicas on the node. */
  used: { cpuCores: number; memoryBytes: number; replicas: number };
}

export interface Usage {
  at: string;
  cpuCores: number | null;
  memoryBytes: number | null;
}

/** GET /system/monitor/containers: one running replica. */
export interface ContainerView {
  namespace: string;
  deploymentId: string | null;
  component: string;
  workload: string;
  replica: string;
  node: string;
  state: string;
  ready: boolean;
  restarts: number;
  startedAt: string | null;
  message?: string;
  cpuLimitCores?: number;
  memoryLimitBytes?: number;
  usage: Usage | null;
}

/** GET /system/monitor/components: one revision of a deployment's component, also when scaled to 0. */
export interface ComponentView {
  deploymentId: string;
  slug: string;
  namespace: string;
  component: string;
  workload: string;
  revision: number | null;
  desiredReplicas: number;
  readyReplicas: number;
}

export interface ScaleResult {
  deploymentId: string;
  component: string;
  workload: string;
  replicas: number;
}

export interface MoveResult {
  deploymentId: string;
  component: string;
  workload: string;
  node: string;
}

export function fetchNodes(token: string, signal?: AbortSignal): Promise<NodeView[]> {
  return request<NodeView[]>('GET', '/system/monitor/nodes', { token, signal });
}

export function fetchContainers(token: string, signal?: AbortSignal): Promise<ContainerView[]> {
  return request<ContainerView[]>('GET', '/system/monitor/containers', { token, signal });
}

export function fetchComponents(token: string, signal?: AbortSignal): Promise<ComponentView[]> {
  return request<ComponentView[]>('GET', '/system/monitor/components', { token, signal });
}

export function scaleComponent(token: string, deploymentId: string, component: string, replicas: number): Promise<ScaleResult> {
  return request<ScaleResult>('POST', '/system/env/scale', { token, body: { deploymentId, component, replicas } });
}

export function moveComponent(token: string, deploymentId: string, component: string, node: string): Promise<MoveResult> {
  return request<MoveResult>('POST', '/system/env/move', { token, body: { deploymentId, component, node } });
}
