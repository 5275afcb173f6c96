import type { SampleRow } from '../metrics/sample.repository.js';
import type { AlertRepository } from './alert.repository.js';
import type { AlertRule } from './alert.schemas.js';

const RESTART_WINDOW_MS = 10 * 60_000;

/**
 * R20: after every sample, each enabled rule is checked for each replica. An alert opens when
 * the condition has held for the rule's duration, and resolves as soon as it stops holding (or
 * the replica is gone). Open alerts live in the database; how long a condition has held lives
 * here, so a restart of the monitor starts that count again.
 */
export class AlertEvaluator {
  private readonly holdingSince = new Map<string, number>();
  /** Conditions whose alert is open (so it is not opened again every sample). */
  private readonly opened = new Set<string>();
  /** Restart counts seen per replica over the last 10 minutes. */
  private readonly restartHistory = new Map<string, Array<[number, number]>>();
  private rules: AlertRule[] | null = null;
  /** Until the first evaluation, alerts a previous run left open are not known here. */
  private knowsOpenAlerts = false;
  private lastReplicas = '';

  constructor(private readonly alerts: AlertRepository) {}

  /** Rules changed: they are read again, and every condition starts over. */
  reset(): void {
    this.rules = null;
    this.holdingSince.clear();
    this.opened.clear();
    this.knowsOpenAlerts = false;
  }

  async evaluate(rows: SampleRow[], now = Date.now()): Promise<void> {
    this.rules ??= await this.alerts.rules();
    const rules = this.rules.filter((r) => r.enabled);
    const resolve: Array<[string, string, string]> = [];
    for (const row of rows) {
      const restarts = this.restartsInWindow(row, now);
      for (const rule of rules) {
        const key = `${rule.name}\u0000${row.namespace}\u0000${row.replica}`;
        const value = valueOf(rule.metric, row, restarts);
        if (value === null) continue;
        if (!holds(value, rule)) {
          // Only a condition that held can have an open alert (after the first evaluation).
          this.opened.delete(key);
          if (this.holdingSince.delete(key) || !this.knowsOpenAlerts) resolve.push([rule.name, row.namespace, row.replica]);
          continue;
        }
        const since = this.holdingSince.get(key) ?? now;
        this.holdingSince.set(key, since);
        if (now - since >= rule.durationSeconds * 1000 && !this.opened.has(key)) {
          this.opened.add(key);
          await this.alerts.open({
            rule,
            namespace: row.namespace,
            deploymentId: row.deploymentId,
            component: row.component,
            replica: row.replica,
            value,
            message: `${rule.metric} ${format(rule.metric, value)} ${rule.comparison} ${format(rule.metric, rule.threshold)} for ${rule.durationSeconds} s on ${row.replica} (${row.namespace})`,
          });
        }
      }
    }
    const replicas = rows.map((r) => `${r.namespace}\u0000${r.replica}`).sort().join('\u0001');
    const replicasChanged = replicas !== this.lastReplicas || !this.knowsOpenAlerts;
    await this.alerts.resolve({ keys: resolve, ...(replicasChanged ? { exceptReplicas: rows.map((r) => [r.namespace, r.replica] as [string, string]) } : {}) });
    this.lastReplicas = replicas;
    this.knowsOpenAlerts = true;
    const alive = new Set(rows.map((r) => `${r.namespace}\u0000${r.replica}`));
    for (const key of [...this.restartHistory.keys()]) if (!alive.has(key)) this.restartHistory.delete(key);
    for (const key of [...this.holdingSince.keys()]) {
      if (alive.has(key.slice(key.indexOf('\u0000') + 1))) continue;
      this.holdingSince.delete(key);
      this.opened.delete(key);
    }
  }

  private restartsInWindow(row: SampleRow, now: number): number {
    const key = `${row.namespace}\u0000${row.replica}`;
    const history = (this.restartHistory.get(key) ?? []).filter(([at]) => now - at <= RESTART_WINDOW_MS);
    history.push([now, row.restarts]);
    this.restartHistory.set(key, history);
    return row.restarts - Math.min(...history.map(([, n]) => n));
  }
}

function valueOf(metric: AlertRule['metric'], row: SampleRow, restarts: number): number | null {
  switch (metric) {
    case 'cpu':
      return row.cpuCores === null ? null : row.cpuCores / (row.cpuLimit ?? 1);
    case 'memory':
      return row.memoryBytes === null || !row.memoryLimit ? null : row.memoryBytes / row.memoryLimit;
    case 'restarts':
      return restarts;
    case 'ready':
      return row.ready ? 1 : 0;
  }
}

function holds(value: number, rule: AlertRule): boolean {
  switch (rule.comparison) {
    case '>': return value > rule.threshold;
    case '>=': return value >= rule.threshold;
    case '<': return value < rule.threshold;
    case '<=': return value <= rule.threshold;
  }
}

function format(metric: AlertRule['metric'], value: number): string {
  return metric === 'cpu' || metric === 'memory' ? `${Math.round(value * 1000) / 10} %` : String(value);
}
