import { useResource } from '@clove/web-kit/useResource';
import { fetchDeployment, fetchDeployments, type DeploymentDetail } from '../api/deployments';
import { fetchContainers, fetchNodes } from '../api/system';
import type { SystemSnapshot } from './systemView';

export const SYSTEM_REFRESH_MS = 5000;

/** Deployments whose components are worth reading: gone ones have none. */
const LIVE = new Set(['deploying', 'running', 'updating', 'failed']);

/** Nodes, containers and deployments (with their desired replicas), every 5 s. */
export function useSystemView(token: string) {
  return useResource<SystemSnapshot>(async (signal) => {
    const [nodes, containers, deployments] = await Promise.all([
      fetchNodes(token, signal),
      fetchContainers(token, signal),
      fetchDeployments(token, signal),
    ]);
    const read = await Promise.allSettled(deployments.filter((d) => LIVE.has(d.status)).map((d) => fetchDeployment(d.id, token, signal)));
    const details = new Map<string, DeploymentDetail>();
    for (const result of read) if (result.status === 'fulfilled') details.set(result.value.id, result.value);
    return { nodes, containers, deployments, details };
  }, { key: 'system', intervalMs: SYSTEM_REFRESH_MS });
}
