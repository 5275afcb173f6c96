import { request } from '@clove/web-kit/client';

export const METRICS = ['cpu', 'memory', 'restarts', 'ready'] as const;
export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

export type Metric = (typeof METRICS)[number];
export type Comparison = (typeof COMPARISONS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type AlertState = 'open' | 'resolved' | 'all';

/** An anomaly rule; cpu and memory thresholds are shares of the container's limit (0–1). */
export interface AlertRule {
  name: string;
  metric: Metric;
  comparison: Comparison;
  threshold: number;
  durationSeconds: number;
  severity: Severity;
  enabled: boolean;
}

export interface Alert {
  id: string;
  rule: string;
  metric: string;
  severity: string;
  namespace: string;
  deploymentId: string | null;
  component: string;
  replica: string;
  value: number;
  message: string;
  openedAt: string;
  resolvedAt: string | null;
}

export function fetchAlerts(token: string, state: AlertState, signal?: AbortSignal): Promise<Alert[]> {
  return request<Alert[]>('GET', `/system/alerts?state=${state}`, { token, signal });
}

export function fetchAlertRules(token: string, signal?: AbortSignal): Promise<AlertRule[]> {
  return request<AlertRule[]>('GET', '/system/alert-rules', { token, signal });
}

/** Replaces every rule; answers the rules as stored. */
export function saveAlertRules(token: string, rules: AlertRule[]): Promise<AlertRule[]> {
  return request<AlertRule[]>('PUT', '/system/alert-rules', { token, body: rules });
}
