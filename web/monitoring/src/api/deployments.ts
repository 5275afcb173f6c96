import { request } from '@clove/web-kit/client';

/** GET /deploy/deployments: a seller's own and shared deployments, every one for an admin. */
export interface DeploymentSummary {
  id: string;
  slug: string;
  namespace: string;
  status: string;
  currentRevision: number | null;
  templateName: string;
}

export interface DeploymentComponent {
  name: string;
  workload: string;
  desiredReplicas: number;
  readyReplicas: number;
}

/** GET /deploy/deployments/{id}. */
export interface DeploymentDetail extends DeploymentSummary {
  components: DeploymentComponent[];
}

export function fetchDeployments(token: string, signal?: AbortSignal): Promise<DeploymentSummary[]> {
  return request<DeploymentSummary[]>('GET', '/deploy/deployments', { token, signal });
}

export function fetchDeployment(id: string, token: string, signal?: AbortSignal): Promise<DeploymentDetail> {
  return request<DeploymentDetail>('GET', `/deploy/deployments/${encodeURIComponent(id)}`, { token, signal });
}
