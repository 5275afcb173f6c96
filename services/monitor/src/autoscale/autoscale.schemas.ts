import { Type, type Static } from 'typebox';

export const PolicyParams = Type.Object({
  deploymentId: Type.String({ format: 'uuid' }),
  component: Type.String({ pattern: '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$' }),
});

export const PolicyBody = Type.Object({
  minReplicas: Type.Integer({ minimum: 0, maximum: 1000 }),
  maxReplicas: Type.Integer({ minimum: 1, maximum: 1000 }),
  targetCpu: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Average CPU use to keep, as a share of the container\'s CPU limit (0–1)' }),
  cooldownSeconds: Type.Integer({ minimum: 0, maximum: 86_400, default: 120, description: 'Least time between two scaling actions' }),
  enabled: Type.Boolean({ default: true }),
}, { additionalProperties: false });
export type PolicyInput = Static<typeof PolicyBody>;

export interface Policy extends PolicyInput {
  deploymentId: string;
  component: string;
  updatedAt: string;
}

export const DecisionSchema = Type.Object({
  at: Type.String(),
  fromReplicas: Type.Integer(),
  toReplicas: Type.Integer(),
  utilization: Type.Union([Type.Number(), Type.Null()]),
  reason: Type.String(),
  outcome: Type.String(),
});
export type Decision = Static<typeof DecisionSchema>;

export const PolicyViewSchema = Type.Object({
  deploymentId: Type.String(),
  component: Type.String(),
  ...PolicyBody.properties,
  updatedAt: Type.String(),
  decisions: Type.Array(DecisionSchema),
  hpa: Type.Record(Type.String(), Type.Unknown(), { description: 'The same policy as a Kubernetes HorizontalPodAutoscaler (autoscaling/v2), for the Kubernetes runtime' }),
});
