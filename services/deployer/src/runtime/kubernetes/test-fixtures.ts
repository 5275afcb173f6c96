import assert from 'node:assert/strict';
import { workloadDocuments } from '../contract.js';
import { RuntimeError, type KubeDocument } from '../driver.js';

/** The Secret, Deployment, Service and HTTPRoute of ticketing revision 1, as the deployer composes them. */
export function documents(overrides: { image?: string; replicas?: number } = {}): KubeDocument[] {
  return workloadDocuments({ app: 'ticketing', revision: 1, image: overrides.image ?? 'clove/ticketing:builtin', port: 4200, replicas: overrides.replicas ?? 2 });
}

/** The RuntimeError a promise rejects with; fails when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<RuntimeError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof RuntimeError, String(error));
  return error;
}
