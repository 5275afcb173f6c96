import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { PolicyInput } from './autoscale.schemas.js';

/**
 * The policy as Kubernetes would run it: a HorizontalPodAutoscaler on the component's
 * Deployment of the current revision, aiming at the CPU share of the request Kubernetes
 * measures (the embedded autoscaler measures against the limit), with the cooldown as the
 * scale-down stabilization window. Validated against the Kubernetes schema.
 */
export function hpaDocument(target: { namespace: string; component: string; workload: string }, policy: PolicyInput): Record<string, unknown> {
  const hpa = new HorizontalPodAutoscaler({
    metadata: { name: target.component, namespace: target.namespace, labels: { 'app.kubernetes.io/name': target.component, 'app.kubernetes.io/part-of': 'clove' } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target.workload },
      minReplicas: Math.max(1, policy.minReplicas),
      maxReplicas: policy.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: Math.round(policy.targetCpu * 100) } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: policy.cooldownSeconds } },
    },
  });
  hpa.validate();
  return hpa.toJSON() as unknown as Record<string, unknown>;
}
