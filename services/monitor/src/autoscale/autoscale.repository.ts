import { randomUUID } from 'node:crypto';
import type { Pool } from '@clove/kit';
import type { Decision, Policy, PolicyInput } from './autoscale.schemas.js';

const POLICY_COLUMNS = `deployment_id as "deploymentId", component, min_replicas as "minReplicas", max_replicas as "maxReplicas",
  target_cpu as "targetCpu", cooldown_seconds as "cooldownSeconds", enabled, to_json(updated_at) #>> '{}' as "updatedAt"`;

export class AutoscaleRepository {
  constructor(private readonly pool: Pool) {}

  async put(deploymentId: string, component: string, input: PolicyInput): Promise<Policy> {
    const { rows } = await this.pool.query<Policy>(
      `insert into autoscale_policies (deployment_id, component, min_replicas, max_replicas, target_cpu, cooldown_seconds, enabled)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (deployment_id, component) do update set min_replicas = $3, max_replicas = $4, target_cpu = $5,
         cooldown_seconds = $6, enabled = $7, updated_at = now()
       returning ${POLICY_COLUMNS}`,
      [deploymentId, component, input.minReplicas, input.maxReplicas, input.targetCpu, input.cooldownSeconds, input.enabled],
    );
    return rows[0]!;
  }

  async get(deploymentId: string, component: string): Promise<Policy | null> {
    const { rows } = await this.pool.query<Policy>(`select ${POLICY_COLUMNS} from autoscale_policies where deployment_id = $1 and component = $2`, [deploymentId, component]);
    return rows[0] ?? null;
  }

  async remove(deploymentId: string, component: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('delete from autoscale_policies where deployment_id = $1 and component = $2', [deploymentId, component]);
    return rowCount === 1;
  }

  async enabled(): Promise<Policy[]> {
    const { rows } = await this.pool.query<Policy>(`select ${POLICY_COLUMNS} from autoscale_policies where enabled`);
    return rows;
  }

  async record(deploymentId: string, component: string, decision: Omit<Decision, 'at'>): Promise<void> {
    await this.pool.query(
      `insert into autoscale_decisions (id, deployment_id, component, from_replicas, to_replicas, utilization, reason, outcome)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), deploymentId, component, decision.fromReplicas, decision.toReplicas, decision.utilization, decision.reason, decision.outcome],
    );
  }

  /** When the component was last scaled by its policy. */
  async lastScaledAt(deploymentId: string, component: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: Date }>(
      `select at from autoscale_decisions where deployment_id = $1 and component = $2 and outcome = 'scaled' order by at desc limit 1`,
      [deploymentId, component],
    );
    return rows[0] ? rows[0].at.getTime() : null;
  }

  async decisions(deploymentId: string, component: string, limit = 100): Promise<Decision[]> {
    const { rows } = await this.pool.query<Decision>(
      `select to_json(at) #>> '{}' as at, from_replicas as "fromReplicas", to_replicas as "toReplicas", utilization, reason, outcome
         from autoscale_decisions where deployment_id = $1 and component = $2 order by at desc limit $3`,
      [deploymentId, component, limit],
    );
    return rows;
  }
}
