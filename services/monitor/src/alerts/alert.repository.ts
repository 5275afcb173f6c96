import { randomUUID } from 'node:crypto';
import type { Pool } from '@clove/kit';
import type { Alert, AlertRule } from './alert.schemas.js';

export interface OpenAlert {
  rule: AlertRule;
  namespace: string;
  deploymentId: string | null;
  component: string;
  replica: string;
  value: number;
  message: string;
}

const ALERT_COLUMNS = `id, rule, metric, severity, namespace, deployment_id as "deploymentId", component, replica, value, message,
  to_json(opened_at) #>> '{}' as "openedAt", to_json(resolved_at) #>> '{}' as "resolvedAt"`;

export class AlertRepository {
  constructor(private readonly pool: Pool) {}

  async rules(): Promise<AlertRule[]> {
    const { rows } = await this.pool.query<AlertRule>(
      `select name, metric, comparison, threshold, duration_seconds as "durationSeconds", severity, enabled from alert_rules order by name`,
    );
    return rows;
  }

  /** Replaces every rule; alerts of rules that are gone or changed are resolved. */
  async replaceRules(rules: AlertRule[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('delete from alert_rules');
      for (const r of rules) {
        await client.query(
          `insert into alert_rules (name, metric, comparison, threshold, duration_seconds, severity, enabled) values ($1, $2, $3, $4, $5, $6, $7)`,
          [r.name, r.metric, r.comparison, r.threshold, r.durationSeconds, r.severity, r.enabled],
        );
      }
      await client.query(`update alerts set resolved_at = now() where resolved_at is null`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Opens an alert unless one is open for the same rule and replica. */
  async open(alert: OpenAlert): Promise<void> {
    await this.pool.query(
      `insert into alerts (id, rule, metric, severity, namespace, deployment_id, component, replica, value, message)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (rule, namespace, replica) where resolved_at is null do nothing`,
      [randomUUID(), alert.rule.name, alert.rule.metric, alert.rule.severity, alert.namespace, alert.deploymentId, alert.component, alert.replica, alert.value, alert.message],
    );
  }

  /** Resolves the open alerts of the given rule/replica keys (`rule namespace replica`), or of every replica not in `keep`. */
  async resolve(where: { keys?: Array<[string, string, string]>; exceptReplicas?: Array<[string, string]> }): Promise<void> {
    if (where.keys && where.keys.length > 0) {
      await this.pool.query(
        `update alerts a set resolved_at = now() from unnest($1::text[], $2::text[], $3::text[]) as k(rule, namespace, replica)
          where a.resolved_at is null and a.rule = k.rule and a.namespace = k.namespace and a.replica = k.replica`,
        [where.keys.map((k) => k[0]), where.keys.map((k) => k[1]), where.keys.map((k) => k[2])],
      );
    }
    if (where.exceptReplicas) {
      await this.pool.query(
        `update alerts set resolved_at = now() where resolved_at is null
            and (namespace, replica) not in (select * from unnest($1::text[], $2::text[]))`,
        [where.exceptReplicas.map((k) => k[0]), where.exceptReplicas.map((k) => k[1])],
      );
    }
  }

  async list(filter: { state: 'open' | 'resolved' | 'all'; deploymentId?: string; limit: number }): Promise<Alert[]> {
    const { rows } = await this.pool.query<Alert>(
      `select ${ALERT_COLUMNS} from alerts
        where ($1 = 'all' or ($1 = 'open') = (resolved_at is null)) and ($2::uuid is null or deployment_id = $2)
        order by opened_at desc limit $3`,
      [filter.state, filter.deploymentId ?? null, filter.limit],
    );
    return rows;
  }
}
