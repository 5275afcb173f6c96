import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentOf } from './deployment.components.js';

const status = (name: string) => ({ name, desiredReplicas: 2, readyReplicas: 1, replicas: [] });

describe('componentOf', () => {
  it('reads a revision\'s workload as its component and revision, keeping the replica counts', () => {
    assert.deepEqual(componentOf(status('ticketing-r12')), { name: 'ticketing', workload: 'ticketing-r12', revision: 12, desiredReplicas: 2, readyReplicas: 1, replicas: [] });
  });

  it('keeps a workload not named per revision as its own component without a revision', () => {
    assert.deepEqual(componentOf(status('cache')), { name: 'cache', workload: 'cache', revision: null, desiredReplicas: 2, readyReplicas: 1, replicas: [] });
  });

  it('splits at the last revision suffix only', () => {
    assert.equal(componentOf(status('seat-r2-map-r3')).name, 'seat-r2-map');
  });
});
