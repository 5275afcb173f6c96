import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { isRolledOut, labelSelector, notReadyReason, replicaStatus } from './rollout.js';

function deployment(replicas: number, generation: number, status: V1Deployment['status']): V1Deployment {
  return { metadata: { name: 'web', generation }, spec: { replicas, selector: {}, template: {} }, status };
}

const complete = { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };

describe('rollout', () => {
  it('is rolled out when the latest generation is observed and every replica is updated, ready and available', () => {
    assert.equal(isRolledOut(deployment(2, 2, complete)), true);
    assert.equal(isRolledOut(deployment(2, 3, complete)), false, 'generation not observed yet');
    assert.equal(isRolledOut(deployment(2, 2, { ...complete, updatedReplicas: 1 })), false);
    assert.equal(isRolledOut(deployment(2, 2, { ...complete, readyReplicas: 1 })), false);
    assert.equal(isRolledOut(deployment(2, 2, { ...complete, availableReplicas: undefined })), false);
    assert.equal(isRolledOut(deployment(2, 2, undefined)), false);
    assert.equal(isRolledOut(deployment(0, 5, undefined)), true, 'zero replicas');
  });

  it('explains a stalled rollout with its conditions and waiting containers', () => {
    const stalled = deployment(1, 1, {
      observedGeneration: 1,
      conditions: [{ type: 'Available', status: 'False', message: 'Deployment does not have minimum availability.' }],
    } as V1Deployment['status']);
    const pod: V1Pod = { status: { containerStatuses: [{ name: 'web', image: 'x', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'ImagePullBackOff' } } }] } };
    assert.equal(notReadyReason(stalled, [pod]), '0/1 replicas ready; Available: Deployment does not have minimum availability; container web is waiting: ImagePullBackOff');
  });

  it('maps pod phases and waiting reasons to replica states', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    const running: V1Pod = {
      metadata: { name: 'web-1' },
      spec: { nodeName: 'node-a', containers: [] },
      status: { phase: 'Running', startTime: at, conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [] },
    };
    assert.deepEqual(replicaStatus(running), { name: 'web-1', node: 'node-a', state: 'running', ready: true, restarts: 0, startedAt: '2025-01-01T00:00:00.000Z' });
    const crashing: V1Pod = {
      metadata: { name: 'web-2' },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', image: 'x', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } },
          { name: 'b', image: 'x', imageID: '', ready: true, restartCount: 1 },
        ],
      },
    };
    assert.deepEqual(replicaStatus(crashing), { name: 'web-2', node: '', state: 'backoff', ready: false, restarts: 4, startedAt: null, message: 'CrashLoopBackOff: back-off 40s' });
    assert.equal(replicaStatus({ status: { phase: 'Pending' } }).state, 'pending');
    assert.equal(replicaStatus({ status: { phase: 'Failed' } }).state, 'failed');
    assert.equal(replicaStatus({ metadata: { deletionTimestamp: at }, status: { phase: 'Running' } }).state, 'stopping');
  });

  it('writes a Deployment selector as a list query', () => {
    assert.equal(labelSelector({ matchLabels: { app: 'web', rev: '1' } }), 'app=web,rev=1');
    assert.equal(
      labelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] }),
      'tier in (a,b),!canary',
    );
  });
});
