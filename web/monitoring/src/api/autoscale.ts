import { request } from '@clove/web-kit/client';
import { ApiError } from '@clove/web-kit/problem';

/** targetCpu is the average CPU use to keep, as a share of the container's limit (0–1). */
export interface PolicyInput {
  minReplicas: number;
  maxReplicas: number;
  targetCpu: number;
  cooldownSeconds: number;
  enabled: boolean;
}

export interface Decision {
  at: string;
  fromReplicas: number;
  toReplicas: number;
  utilization: number | null;
  reason: string;
  outcome: string;
}

/** GET/PUT /system/autoscale/{deploymentId}/{component}. */
export interface Policy extends PolicyInput {
  deploymentId: string;
  component: string;
  updatedAt: string;
  decisions: Decision[];
}

const policyPath = (deploymentId: string, component: string) =>
  `/system/autoscale/${encodeURIComponent(deploymentId)}/${encodeURIComponent(component)}`;

/** The component's policy, or null when it has none. */
export async function fetchPolicy(token: string, deploymentId: string, component: string, signal?: AbortSignal): Promise<Policy | null> {
  try {
    return await request<Policy>('GET', policyPath(deploymentId, component), { token, signal });
  } catch (failure) {
    if (failure instanceof ApiError && failure.problem.code === 'POLICY_NOT_FOUND') return null;
    throw failure;
  }
}

export function savePolicy(token: string, deploymentId: string, component: string, input: PolicyInput): Promise<Policy> {
  return request<Policy>('PUT', policyPath(deploymentId, component), { token, body: input });
}

export function deletePolicy(token: string, deploymentId: string, component: string): Promise<void> {
  return request<void>('DELETE', policyPath(deploymentId, component), { token });
}
