/** Reading Deployment and Pod status: is a rollout done, why not, and what each replica is doing. */
import type { V1Deployment, V1LabelSelector, V1Pod } from '@kubernetes/client-node';
import type { ReplicaState, ReplicaStatus } from '../driver.js';

export function desiredReplicas(deployment: V1Deployment): number {
  return deployment.spec?.replicas ?? 1;
}

/**
 * True when the controller has seen the latest spec and every desired replica is updated, ready and available.
 * A Deployment scaled to zero is ready at once.
 */
export function isRolledOut(deployment: V1Deployment): boolean {
  const desired = desiredReplicas(deployment);
  if (desired === 0) return true;
  const status = deployment.status;
  if (!status) return false;
  const generation = deployment.metadata?.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation) return false;
  return (status.updatedReplicas ?? 0) === desired && (status.readyReplicas ?? 0) === desired && (status.availableReplicas ?? 0) === desired;
}

/** The `{name, reason, message}` of the first container of the pod that is waiting, if any. */
export function waitingContainer(pod: V1Pod): { name: string; reason: string; message: string } | null {
  for (const container of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const waiting = container.state?.waiting;
    if (waiting?.reason) return { name: container.name, reason: waiting.reason, message: waiting.message ?? '' };
  }
  return null;
}

/** Why a Deployment is not rolled out: replica counts, its Progressing/Available conditions, waiting containers. */
export function notReadyReason(deployment: V1Deployment | null, pods: V1Pod[]): string {
  if (!deployment) return 'the Deployment does not exist';
  const parts = [`${deployment.status?.readyReplicas ?? 0}/${desiredReplicas(deployment)} replicas ready`];
  const generation = deployment.metadata?.generation ?? 0;
  if ((deployment.status?.observedGeneration ?? 0) < generation) parts.push('the controller has not observed the latest generation');
  for (const type of ['Progressing', 'Available']) {
    const condition = deployment.status?.conditions?.find((c) => c.type === type);
    if (condition?.message) parts.push(`${type}: ${condition.message.replace(/\.$/, '')}`);
  }
  const waiting = new Map<string, { count: number; detail: string }>();
  for (const pod of pods) {
    const container = waitingContainer(pod);
    if (!container) continue;
    const key = `container ${container.name} is waiting: ${container.reason}`;
    const seen = waiting.get(key);
    if (seen) seen.count++;
    else waiting.set(key, { count: 1, detail: container.message });
  }
  for (const [key, { count, detail }] of waiting) {
    const notes = [count > 1 ? `${count} replicas` : '', detail].filter(Boolean).join(', ');
    parts.push(notes ? `${key} (${notes})` : key);
  }
  return parts.join('; ');
}

function isoTime(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function replicaState(pod: V1Pod): ReplicaState {
  if (pod.metadata?.deletionTimestamp) return 'stopping';
  if (waitingContainer(pod)?.reason === 'CrashLoopBackOff') return 'backoff';
  switch (pod.status?.phase) {
    case 'Running':
      return 'running';
    case 'Failed':
      return 'failed';
    case 'Succeeded':
      return 'stopped';
    default:
      return 'pending';
  }
}

/** One replica as the driver reports it. */
export function replicaStatus(pod: V1Pod): ReplicaStatus {
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const restarts = (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const replica: ReplicaStatus = {
    name: pod.metadata?.name ?? '',
    node: pod.spec?.nodeName ?? '',
    state: replicaState(pod),
    ready,
    restarts,
    startedAt: isoTime(pod.status?.startTime),
  };
  const waiting = waitingContainer(pod);
  const message = waiting ? (waiting.message ? `${waiting.reason}: ${waiting.message}` : waiting.reason) : pod.status?.message;
  if (message) replica.message = message;
  return replica;
}

/** A Deployment's `spec.selector` in the query syntax of a list request (`key=value,key in (a,b),…`). */
export function labelSelector(selector: V1LabelSelector | undefined): string {
  const terms = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values = [] } of selector?.matchExpressions ?? []) {
    if (operator === 'In') terms.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') terms.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') terms.push(key);
    else if (operator === 'DoesNotExist') terms.push(`!${key}`);
  }
  return terms.join(',');
}
