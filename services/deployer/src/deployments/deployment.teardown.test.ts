import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeploymentRow } from './deployment.repository.js';
import { tearDown, warnOfSlowSteps, type TearDownStep, type WorkflowDeps } from './deployment.workflows.js';

const deployment = { id: 'd1', slug: 'gala', namespace: 'perf-gala' } as DeploymentRow;
const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'ticketing' } };

/** Deps whose every teardown call is recorded; `failing` names the call that throws. */
function recordingDeps(failing?: string) {
  const calls: string[] = [];
  const call = (name: string) => async () => {
    calls.push(name);
    if (name === failing) throw new Error(`${name} failed`);
  };
  const deps = {
    driver: { remove: call('remove routes'), deleteNamespace: call('delete namespace') },
    databases: { drop: call('drop database') },
    repo: { setCredential: call('forget credential') },
  } as unknown as WorkflowDeps;
  return { deps, calls };
}

describe('tearing a deployment down (R10)', () => {
  it('removes routes, namespace, database and credential in that order, timing each step', async () => {
    const { deps, calls } = recordingDeps();
    const timed: TearDownStep[] = [];
    await tearDown(deps, deployment, [route], (step, ms) => {
      assert.ok(ms >= 0);
      timed.push(step);
    });
    assert.deepEqual(calls, ['remove routes', 'delete namespace', 'drop database', 'forget credential']);
    assert.deepEqual(timed, ['routes', 'namespace', 'database', 'credential']);
  });

  it('goes on when the routes are gone already, and tells the time of a step that failed', async () => {
    const routesGone = recordingDeps('remove routes');
    await tearDown(routesGone.deps, deployment, [route]);
    assert.deepEqual(routesGone.calls, ['remove routes', 'delete namespace', 'drop database', 'forget credential']);

    const dropFails = recordingDeps('drop database');
    const timed: TearDownStep[] = [];
    await assert.rejects(tearDown(dropFails.deps, deployment, [], (step) => timed.push(step)), /drop database failed/);
    assert.deepEqual(dropFails.calls, ['delete namespace', 'drop database']);
    assert.deepEqual(timed, ['namespace', 'database']);
  });

  it('warns of a step that took 5 s or more, naming the deployment and the step', () => {
    const warnings: Array<{ fields: object; message: string }> = [];
    const warn = warnOfSlowSteps({ warn: (fields: object, message: string) => warnings.push({ fields, message }) } as never, 'd1');
    warn('namespace', 4_999);
    warn('database', 12_345.6);
    assert.deepEqual(warnings, [{ fields: { deployment: 'd1', step: 'database', ms: 12_346 }, message: 'deleting: the database step took 12.3 s' }]);
  });
});
