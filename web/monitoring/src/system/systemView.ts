import type { ComponentView, ContainerView, NodeView } from '../api/system';

export interface SystemSnapshot {
  nodes: NodeView[];
  containers: ContainerView[];
  /** Components of the deployments with their desired replicas (those the runtime could tell). */
  components: ComponentView[];
}

/** A deployment's component with what runs of it. */
export interface ComponentRow {
  key: string;
  deploymentId: string | null;
  /** The deployment's slug, or the namespace of replicas no deployment owns. */
  deploymentLabel: string;
  component: string;
  desired: number | null;
  ready: number;
  replicas: ContainerView[];
  nodes: string[];
  cpuCores: number | null;
  memoryBytes: number | null;
  states: string[];
  restarts: number;
}

function sum(values: Array<number | null | undefined>): number | null {
  const present = values.filter((value): value is number => typeof value === 'number');
  return present.length > 0 ? present.reduce((a, b) => a + b, 0) : null;
}

/**
 * One row per component: every component the deployments declare (also those scaled to zero)
 * and every component that has replicas running, with their replicas, use and state.
 */
export function componentRows(snapshot: SystemSnapshot): ComponentRow[] {
  const slugs = new Map(snapshot.components.map((c) => [c.deploymentId, c.slug]));
  const rows = new Map<string, ComponentRow>();
  const rowFor = (deploymentId: string | null, label: string, component: string) => {
    const key = `${deploymentId ?? label}/${component}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, deploymentId, deploymentLabel: label, component, desired: null, ready: 0, replicas: [], nodes: [], cpuCores: null, memoryBytes: null, states: [], restarts: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const component of snapshot.components) {
    rowFor(component.deploymentId, component.slug, component.component).desired = component.desiredReplicas;
  }
  for (const container of snapshot.containers) {
    const label = (container.deploymentId && slugs.get(container.deploymentId)) || container.namespace;
    rowFor(container.deploymentId, label, container.component).replicas.push(container);
  }
  for (const row of rows.values()) {
    row.ready = row.replicas.filter((r) => r.ready).length;
    row.nodes = [...new Set(row.replicas.map((r) => r.node))].sort();
    row.states = [...new Set(row.replicas.map((r) => r.state))].sort();
    row.restarts = row.replicas.reduce((n, r) => n + r.restarts, 0);
    row.cpuCores = sum(row.replicas.map((r) => r.usage?.cpuCores));
    row.memoryBytes = sum(row.replicas.map((r) => r.usage?.memoryBytes));
    row.replicas.sort((a, b) => a.replica.localeCompare(b.replica));
  }
  return [...rows.values()].sort((a, b) => a.deploymentLabel.localeCompare(b.deploymentLabel) || a.component.localeCompare(b.component));
}
