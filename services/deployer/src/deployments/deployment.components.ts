import { workloadParts } from '../compose/naming.js';
import type { WorkloadStatus } from '../runtime/driver.js';

/** A Deployment of a namespace read as one revision of a component. */
export interface WorkloadComponent extends WorkloadStatus {
  /** The component, e.g. ticketing. */
  name: string;
  /** The Deployment, e.g. ticketing-r2. */
  workload: string;
  revision: number | null;
}

export function componentOf(status: WorkloadStatus): WorkloadComponent {
  const { component, revision } = workloadParts(status.name);
  return { ...status, workload: status.name, name: component, revision };
}
