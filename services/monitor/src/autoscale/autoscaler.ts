import type { ManagedReplica } from '../metrics/metrics-source.js';
import type { SampleRow } from '../metrics/sample.repository.js';
import type { AutoscaleRepository } from './autoscale.repository.js';
import type { Policy } from './autoscale.schemas.js';

/** Within 10 % of the target nothing changes, as Kubernetes' HPA does. */
const TOLERANCE = 0.1;

export interface AutoscalerOptions {
  policies: AutoscaleRepository;
  scale: (deploymentId: string, component: string, replicas: number) => Promise<unknown>;
  /** How much history one decision looks at. */
  windowMs: number;
  onError: (error: unknown, what: string) => void;
}

/**
 * R21: after every sample, each enabled policy compares its component's average CPU use (a
 * share of the containers' CPU limit, over the window) with its target and scales through the
 * deployer — replicas × use ÷ target, within min and max, never twice within the cooldown —
 * recording every action with its reason.
 */
export class Autoscaler {
  private readonly history = new Map<string, Array<[number, number]>>();

  constructor(private readonly options: AutoscalerOptions) {}

  async evaluate(rows: SampleRow[], containers: ManagedReplica[], now = Date.now()): Promise<void> {
    const policies = await this.options.policies.enabled();
    for (const policy of policies) {
      try {
        await this.evaluatePolicy(policy, rows, containers, now);
      } catch (error) {
        this.options.onError(error, `autoscaling ${policy.component} of ${policy.deploymentId}`);
      }
    }
  }

  private async evaluatePolicy(policy: Policy, rows: SampleRow[], containers: ManagedReplica[], now: number): Promise<void> {
    const key = `${policy.deploymentId}/${policy.component}`;
    const mine = containers.filter((c) => c.deploymentId === policy.deploymentId && c.component === policy.component);
    if (mine.length === 0 && policy.minReplicas === 0) return;
    // During a blue-green switch both revisions run: the newest is the one that counts.
    const revision = Math.max(...mine.map((c) => revisionOf(c.workload)), 0);
    const current = mine.filter((c) => revisionOf(c.workload) === revision);
    const names = new Set(current.map((c) => `${c.namespace}/${c.replica}`));
    const measured = rows.filter((r) => names.has(`${r.namespace}/${r.replica}`) && r.ready && r.cpuCores !== null);
    const history = (this.history.get(key) ?? []).filter(([at]) => now - at <= this.options.windowMs);
    if (measured.length > 0) {
      const use = measured.reduce((sum, r) => sum + r.cpuCores! / (r.cpuLimit ?? 1), 0) / measured.length;
      history.push([now, use]);
    }
    this.history.set(key, history);

    const replicas = current.length;
    let desired = replicas;
    let reason: string;
    let utilization: number | null = null;
    if (replicas < policy.minReplicas) {
      desired = policy.minReplicas;
      reason = `${replicas} replicas, below the minimum of ${policy.minReplicas}`;
    } else if (replicas > policy.maxReplicas) {
      desired = policy.maxReplicas;
      reason = `${replicas} replicas, above the maximum of ${policy.maxReplicas}`;
    } else {
      const covered = history.length > 0 && now - history[0]![0] >= this.options.windowMs / 2;
      if (!covered || replicas === 0) return;
      utilization = history.reduce((sum, [, u]) => sum + u, 0) / history.length;
      const ratio = utilization / policy.targetCpu;
      if (Math.abs(ratio - 1) <= TOLERANCE) return;
      desired = Math.min(policy.maxReplicas, Math.max(policy.minReplicas, Math.ceil(replicas * ratio)));
      reason = `average CPU ${percent(utilization)} of the limit over ${Math.round(this.options.windowMs / 1000)} s, target ${percent(policy.targetCpu)}`;
    }
    if (desired === replicas) return;
    const last = await this.options.policies.lastScaledAt(policy.deploymentId, policy.component);
    const outOfBounds = replicas < policy.minReplicas || replicas > policy.maxReplicas;
    if (!outOfBounds && last !== null && now - last < policy.cooldownSeconds * 1000) return;

    let outcome = 'scaled';
    try {
      await this.options.scale(policy.deploymentId, policy.component, desired);
    } catch (error) {
      outcome = `failed: ${(error as Error).message}`;
    }
    await this.options.policies.record(policy.deploymentId, policy.component, { fromReplicas: replicas, toReplicas: desired, utilization, reason, outcome });
    this.history.delete(key);
  }
}

const revisionOf = (workload: string) => Number(/-r(\d+)$/.exec(workload)?.[1] ?? 0);
const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
