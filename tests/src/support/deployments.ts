import assert from 'node:assert/strict';
import { eventually, get, post } from './http.js';

export interface DeploymentView {
  id: string;
  slug: string;
  namespace: string;
  status: string;
  reason: string | null;
  currentRevision: number | null;
  access: string;
  values: Record<string, unknown>;
  revisions: Array<{ number: number; status: string; reason: string | null; progress: Array<{ step: string; state: string }> }>;
  components: Array<{ name: string; workload: string; revision: number | null; desiredReplicas: number; readyReplicas: number; replicas: Array<{ ready: boolean; state: string; restarts: number }> }>;
  members: Array<{ userId: string; email: string }>;
}

export const uniqueSlug = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

/** The built-in templates (standard, flash-sale) the platform ships, as a seller finds them; their ids by name. */
export async function builtinTemplates(gateway: string, sellerToken: string): Promise<Record<string, string>> {
  return eventually(async () => {
    const listed = await get<Array<{ name: string; id: string }>>(`${gateway}/template/templates`, sellerToken);
    const byName = Object.fromEntries(listed.body.map((t) => [t.name, t.id]));
    return byName.standard && byName['flash-sale'] ? byName : undefined;
  }, 30_000, 'the built-in templates');
}

/** Asks for a deployment and returns what the deployer accepted. */
export async function deploy(gateway: string, token: string, templateId: string, values: Record<string, unknown>) {
  const accepted = await post(`${gateway}/deploy/deployments`, { templateId, values }, token);
  assert.equal(accepted.status, 202, accepted.text);
  return accepted.body as { id: string; slug: string; namespace: string; status: string; revision: number };
}

export async function deployment(gateway: string, token: string, id: string): Promise<DeploymentView> {
  const found = await get<DeploymentView>(`${gateway}/deploy/deployments/${id}`, token);
  assert.equal(found.status, 200, found.text);
  return found.body;
}

/** Polls until the deployment has left the given transient state; returns it. */
export async function settled(gateway: string, token: string, id: string, transient = ['deploying', 'updating'], timeoutMs = 60_000): Promise<DeploymentView> {
  return eventually(async () => {
    const view = await deployment(gateway, token, id);
    return transient.includes(view.status) ? undefined : view;
  }, timeoutMs, `deployment ${id} to settle`);
}

/** Deploys and waits until it runs. */
export async function deployRunning(gateway: string, token: string, templateId: string, values: Record<string, unknown>): Promise<DeploymentView> {
  const accepted = await deploy(gateway, token, templateId, values);
  const view = await settled(gateway, token, accepted.id);
  assert.equal(view.status, 'running', `${view.status}: ${view.reason}`);
  return view;
}
