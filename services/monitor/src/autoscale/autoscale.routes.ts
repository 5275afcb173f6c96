import { Type } from 'typebox';
import { bearerToken, invalid, notFound, withProblems, type App, type Guards } from '@clove/kit';
import type { DeployerClient } from '../clients/deployer.client.js';
import type { AutoscaleRepository } from './autoscale.repository.js';
import { PolicyBody, PolicyParams, PolicyViewSchema, type Policy } from './autoscale.schemas.js';
import { hpaDocument } from './hpa.js';

const bearer = [{ bearer: [] }];

/** R21 for admins: an autoscaling policy per component, its decisions, and its HPA document. */
export function registerAutoscaleRoutes(app: App, deps: { guards: Guards; policies: AutoscaleRepository; deployer: DeployerClient }): void {
  const admin = deps.guards.requireRole('admin');

  const view = async (policy: Policy, namespace: string, revision: number | null) => ({
    ...policy,
    decisions: await deps.policies.decisions(policy.deploymentId, policy.component),
    hpa: hpaDocument({ namespace, component: policy.component, workload: `${policy.component}-r${revision ?? 1}` }, policy),
  });

  app.put('/autoscale/:deploymentId/:component', {
    onRequest: admin,
    schema: {
      summary: 'Set the autoscaling policy of a component (min, max, target CPU share of the limit, cooldown) (R21)',
      security: bearer,
      params: PolicyParams,
      body: PolicyBody,
      response: withProblems({ 200: PolicyViewSchema }),
    },
  }, async (request) => {
    const { deploymentId, component } = request.params;
    if (request.body.minReplicas > request.body.maxReplicas) {
      throw invalid('minReplicas may not exceed maxReplicas.', [{ path: '/body/minReplicas', message: `must be at most maxReplicas (${request.body.maxReplicas})` }], 'INVALID_POLICY');
    }
    const deployment = await deps.deployer.deployment(deploymentId, bearerToken(request));
    if (!deployment.components.some((c) => c.name === component)) {
      throw notFound(`The deployment has no component ${component}.`, 'COMPONENT_NOT_FOUND');
    }
    const policy = await deps.policies.put(deploymentId, component, { ...request.body, cooldownSeconds: request.body.cooldownSeconds ?? 120, enabled: request.body.enabled ?? true });
    return view(policy, deployment.namespace, deployment.currentRevision);
  });

  app.get('/autoscale/:deploymentId/:component', {
    onRequest: admin,
    schema: { summary: 'A component\'s autoscaling policy with its decisions, newest first (R21)', security: bearer, params: PolicyParams, response: withProblems({ 200: PolicyViewSchema }) },
  }, async (request) => {
    const { deploymentId, component } = request.params;
    const policy = await deps.policies.get(deploymentId, component);
    if (!policy) throw notFound(`No autoscaling policy for ${component} of ${deploymentId}.`, 'POLICY_NOT_FOUND');
    const deployment = await deps.deployer.deployment(deploymentId, bearerToken(request));
    return view(policy, deployment.namespace, deployment.currentRevision);
  });

  app.delete('/autoscale/:deploymentId/:component', {
    onRequest: admin,
    schema: { summary: 'Stop autoscaling a component; its replicas stay as they are (R21)', security: bearer, params: PolicyParams, response: withProblems({ 204: Type.Null() }) },
  }, async (request, reply) => {
    if (!(await deps.policies.remove(request.params.deploymentId, request.params.component))) throw notFound('No such autoscaling policy.', 'POLICY_NOT_FOUND');
    return reply.status(204).send(null);
  });
}
