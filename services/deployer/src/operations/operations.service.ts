import { conflict, cpuMillis, DomainError, ErrorCode, invalid, memoryBytes, notFound } from '@clove/kit';
import type { FastifyBaseLogger } from 'fastify';
import { workloadName, workloadParts } from '../compose/naming.js';
import { componentOf } from '../deployments/deployment.components.js';
import type { DeploymentRepository, DeploymentRow } from '../deployments/deployment.repository.js';
import { composedOf } from '../deployments/deployment.workflows.js';
import { RuntimeError, type ContainerInfo, type KubeDocument, type NodeInfo, type RuntimeDriver } from '../runtime/driver.js';

export interface ManagedContainer extends Omit<ContainerInfo, 'name'> {
  /** The replica's name (a pod's name on Kubernetes). */
  replica: string;
  deploymentId: string | null;
  revision: number | null;
  /** Limits of its container: cores and bytes. */
  cpuLimitCores?: number;
  memoryLimitBytes?: number;
}

/** One revision of a deployment's component with its replica counts, also when scaled to 0. */
export interface RuntimeComponent {
  deploymentId: string;
  slug: string;
  namespace: string;
  component: string;
  workload: string;
  revision: number | null;
  desiredReplicas: number;
  readyReplicas: number;
}

interface Limits {
  cpu?: number;
  memory?: number;
}

/**
 * R19, R21, R22 as the runtime sees them: nodes, every managed replica with the deployment it
 * belongs to, every component's replica counts, and changes of a component's replica count or
 * node that the deployer keeps (so a restart or the next revision keeps them too).
 */
export class OperationsService {
  private readonly limits = new Map<string, Promise<Map<string, Limits>>>();

  constructor(
    private readonly repo: DeploymentRepository,
    private readonly driver: RuntimeDriver,
    private readonly maxReplicas: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  nodes(): Promise<NodeInfo[]> {
    return this.driver.listNodes();
  }

  /**
   * Every managed replica with its deployment and its container's limits. The monitor asks
   * every few seconds: a revision's limits never change, so they are worked out once per
   * revision and kept.
   */
  async containers(): Promise<ManagedContainer[]> {
    const [containers, deployments] = await Promise.all([this.driver.listContainers(), this.repo.byNamespace()]);
    return Promise.all(containers.map(async ({ name, ...container }) => {
      const deployment = deployments.get(container.namespace);
      const number = workloadParts(container.workload).revision;
      const limit = deployment && number !== null ? (await this.limitsOf(deployment, number)).get(container.workload) : undefined;
      return {
        ...container,
        replica: name,
        deploymentId: deployment?.id ?? null,
        revision: number,
        ...(limit?.cpu !== undefined ? { cpuLimitCores: limit.cpu } : {}),
        ...(limit?.memory !== undefined ? { memoryLimitBytes: limit.memory } : {}),
      };
    }));
  }

  /** Every component of the deployments that have workloads; a namespace the runtime does not answer for is left out. */
  async components(): Promise<RuntimeComponent[]> {
    const deployments = await this.repo.withWorkloads();
    return (await Promise.all(deployments.map((deployment) => this.componentsOf(deployment)))).flat();
  }

  private async componentsOf(deployment: DeploymentRow): Promise<RuntimeComponent[]> {
    try {
      const workloads = await this.driver.status(deployment.namespace);
      return workloads.map(componentOf).map((c) => ({
        deploymentId: deployment.id,
        slug: deployment.slug,
        namespace: deployment.namespace,
        component: c.name,
        workload: c.workload,
        revision: c.revision,
        desiredReplicas: c.desiredReplicas,
        readyReplicas: c.readyReplicas,
      }));
    } catch (error) {
      this.log.warn({ err: error, deployment: deployment.id }, 'the runtime did not tell the status');
      return [];
    }
  }

  /** Limits of each Deployment of one revision, by Deployment name. */
  private limitsOf(deployment: DeploymentRow, number: number): Promise<Map<string, Limits>> {
    const key = `${deployment.id}/${number}`;
    let limits = this.limits.get(key);
    if (!limits) {
      limits = this.repo.revision(deployment.id, number).then((revision) => new Map(revision
        ? composedOf(deployment, revision).workloads.filter((d) => d.kind === 'Deployment').map((d) => [d.metadata.name, limitsOfDocument(d)])
        : []));
      limits.catch(() => this.limits.delete(key));
      this.limits.set(key, limits);
    }
    return limits;
  }

  async scale(id: string, component: string, replicas: number): Promise<{ deploymentId: string; component: string; workload: string; replicas: number }> {
    if (replicas > this.maxReplicas) {
      throw invalid(`At most ${this.maxReplicas} replicas.`, [{ path: '/body/replicas', message: `must be at most ${this.maxReplicas}` }], 'TOO_MANY_REPLICAS');
    }
    const { deployment, workload } = await this.component(id, component);
    await this.repo.setOverride(id, component, { replicas });
    await this.runtime(() => this.driver.scale(deployment.namespace, workload, replicas));
    return { deploymentId: id, component, workload, replicas };
  }

  async move(id: string, component: string, node: string): Promise<{ deploymentId: string; component: string; workload: string; node: string }> {
    const { deployment, workload } = await this.component(id, component);
    await this.runtime(() => this.driver.move(deployment.namespace, workload, node));
    await this.repo.setOverride(id, component, { node });
    return { deploymentId: id, component, workload, node };
  }

  /** The running deployment's component in its current revision. */
  private async component(id: string, component: string): Promise<{ deployment: DeploymentRow; workload: string }> {
    const deployment = await this.repo.get(id);
    if (!deployment) throw notFound(`No deployment ${id}.`, 'DEPLOYMENT_NOT_FOUND');
    if (deployment.status !== 'running' || deployment.currentRevision === null) {
      throw conflict(`The deployment is ${deployment.status}; wait until it runs.`, 'DEPLOYMENT_BUSY', { status: deployment.status });
    }
    const revision = await this.repo.revision(id, deployment.currentRevision);
    const workload = workloadName(component, deployment.currentRevision);
    if (!revision || !composedOf(deployment, revision).deployments.includes(workload)) {
      throw notFound(`The deployment has no component ${component}.`, 'COMPONENT_NOT_FOUND');
    }
    return { deployment, workload };
  }

  private async runtime<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RuntimeError)) throw error;
      if (error.code === 'UNKNOWN_NODE') throw invalid(error.message, [{ path: '/body/node', message: 'is not a node of the runtime' }], 'UNKNOWN_NODE');
      if (error.code === 'NOT_FOUND') throw notFound(error.message, 'NOT_IN_RUNTIME');
      throw new DomainError(ErrorCode.UNAVAILABLE, `The runtime refused: ${error.message}`, { reason: 'RUNTIME_REFUSED' });
    }
  }
}

function limitsOfDocument(document: KubeDocument): Limits {
  const container = (document as { spec?: { template?: { spec?: { containers?: Array<{ resources?: { limits?: { cpu?: string; memory?: string } } }> } } } })
    .spec?.template?.spec?.containers?.[0];
  const limits = container?.resources?.limits;
  const cpu = limits?.cpu ? cpuMillis(limits.cpu) : null;
  const memory = limits?.memory ? memoryBytes(limits.memory) : null;
  return { ...(cpu !== null ? { cpu: Number(cpu) / 1000 } : {}), ...(memory !== null ? { memory: Number(memory) } : {}) };
}
