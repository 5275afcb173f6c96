import { useResource } from '@clove/web-kit/useResource';
import { fetchComponents, fetchContainers, fetchNodes } from '../api/system';
import type { SystemSnapshot } from './systemView';

export const SYSTEM_REFRESH_MS = 5000;

/** Nodes, containers and components (with their desired replicas), every 5 s. */
export function useSystemView(token: string) {
  return useResource<SystemSnapshot>(async (signal) => {
    const [nodes, containers, components] = await Promise.all([
      fetchNodes(token, signal),
      fetchContainers(token, signal),
      fetchComponents(token, signal),
    ]);
    return { nodes, containers, components };
  }, { key: 'system', intervalMs: SYSTEM_REFRESH_MS });
}
