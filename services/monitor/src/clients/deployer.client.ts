import { DomainError, ErrorCode, refusalFrom, type Problem } from '@clove/kit';
import type { ManagedReplica } from '../metrics/metrics-source.js';

export interface DeploymentInfo {
  id: string;
  slug: string;
  namespace: string;
  status: string;
  ownerId: string;
  currentRevision: number | null;
  components: Array<{ name: string }>;
}

export interface NodeInfo {
  name: string;
  ready: boolean;
  cpuMillis: number;
  memoryBytes: number;
  labels: Record<string, string>;
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

const deployerUnavailable = (cause?: unknown) =>
  new DomainError(ErrorCode.UNAVAILABLE, 'The deployer cannot be reached; try again later.', { reason: 'DEPLOYER_UNAVAILABLE', cause });

/** A deployer that took the request but did not answer in time may still make the change. */
const deployerTimedOut = (timeoutMs: number, cause: unknown) =>
  new DomainError(ErrorCode.GATEWAY_TIMEOUT, `The deployer did not answer within ${timeoutMs} ms; the change may still be made, so look before trying again.`, {
    reason: 'DEPLOYER_TIMEOUT',
    cause,
  });

const timedOut = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/**
 * The deployer as the monitor uses it: a deployment read with the caller's own token (so the
 * deployer decides who may see it), the runtime and scaling with this service's token or the
 * admin's.
 */
export class DeployerClient {
  constructor(private readonly baseUrl: string, private readonly serviceToken: string, private readonly timeoutMs: number) {}

  /** The deployment, if the caller may see it; the deployer's 401/403/404 become the caller's. */
  deployment(id: string, callerToken: string): Promise<DeploymentInfo> {
    return this.call<DeploymentInfo>('GET', `/deployments/${encodeURIComponent(id)}`, callerToken);
  }

  containers(): Promise<ManagedReplica[]> {
    return this.call<ManagedReplica[]>('GET', '/runtime/containers', this.serviceToken);
  }

  components(): Promise<RuntimeComponent[]> {
    return this.call<RuntimeComponent[]>('GET', '/runtime/components', this.serviceToken);
  }

  nodes(): Promise<NodeInfo[]> {
    return this.call<NodeInfo[]>('GET', '/runtime/nodes', this.serviceToken);
  }

  scale(id: string, component: string, replicas: number, token = this.serviceToken): Promise<unknown> {
    return this.call('PUT', `/deployments/${encodeURIComponent(id)}/components/${encodeURIComponent(component)}/replicas`, token, { replicas });
  }

  move(id: string, component: string, node: string, token = this.serviceToken): Promise<unknown> {
    return this.call('PUT', `/deployments/${encodeURIComponent(id)}/components/${encodeURIComponent(component)}/node`, token, { node });
  }

  private async call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    let status: number;
    let answer: unknown;
    try {
      const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      // The body is read under the same timeout.
      answer = await response.json().catch((error: unknown) => {
        if (timedOut(error) || response.ok) throw error;
        return {}; // a refusal without a problem document
      });
    } catch (error) {
      throw timedOut(error) ? deployerTimedOut(this.timeoutMs, error) : deployerUnavailable(error);
    }
    if (status < 300) return answer as T;
    const problem = answer as Partial<Problem>;
    if (status >= 500) throw deployerUnavailable(new Error(`the deployer answered ${status}: ${problem.detail ?? ''}`));
    // The deployer's refusal is the caller's answer: same status, same reason, same fields.
    throw refusalFrom(status, problem, 'deployer');
  }
}
