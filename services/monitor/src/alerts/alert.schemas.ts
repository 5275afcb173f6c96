import { Type, type Static } from 'typebox';

export const METRICS = ['cpu', 'memory', 'restarts', 'ready'] as const;
export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

export const AlertRuleSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }),
  metric: Type.Enum(METRICS, { description: 'cpu and memory: share of the container\'s limit (0–1; cpu of one core without a limit); restarts: restarts in the last 10 minutes; ready: 1 or 0' }),
  comparison: Type.Enum(COMPARISONS),
  threshold: Type.Number({ minimum: -1_000_000, maximum: 1_000_000 }),
  durationSeconds: Type.Integer({ minimum: 0, maximum: 86_400, description: 'How long the condition must hold before an alert opens' }),
  severity: Type.Enum(SEVERITIES),
  enabled: Type.Boolean({ default: true }),
}, { additionalProperties: false });
export type AlertRule = Static<typeof AlertRuleSchema>;

export const AlertRulesBody = Type.Array(AlertRuleSchema, { maxItems: 100 });

export const AlertSchema = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  metric: Type.String(),
  severity: Type.String(),
  namespace: Type.String(),
  deploymentId: Type.Union([Type.String(), Type.Null()]),
  component: Type.String(),
  replica: Type.String(),
  value: Type.Number(),
  message: Type.String(),
  openedAt: Type.String(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Alert = Static<typeof AlertSchema>;

export const AlertsQuery = Type.Object({
  state: Type.Optional(Type.Enum(['open', 'resolved', 'all'], { default: 'all' })),
  deploymentId: Type.Optional(Type.String({ format: 'uuid' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
}, { additionalProperties: false });
