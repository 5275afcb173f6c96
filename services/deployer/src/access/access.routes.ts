import { unauthenticated, notAllowed, withProblems, type App } from '@clove/kit';
import { AccessParams, AccessSchema } from '../deployments/deployment.schemas.js';
import type { DeploymentService } from '../deployments/deployment.service.js';

/**
 * For a deployment's own workloads: may this user act as a seller of the deployment? The
 * workload proves itself with the deployment's credential, which answers for that deployment only.
 */
export function registerAccessRoutes(app: App, deps: { deployments: DeploymentService }): void {
  app.get('/deployments/:id/access/:userId', {
    schema: {
      summary: 'Access of a user to this deployment (owner, member or none), for the deployment\'s workloads (Bearer: the deployment credential)',
      params: AccessParams,
      response: withProblems({ 200: AccessSchema }),
    },
  }, async (request) => {
    const header = request.headers.authorization ?? '';
    const credential = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!credential) throw unauthenticated('The deployment credential is missing.', 'TOKEN_MISSING');
    const access = await deps.deployments.accessForWorkload(credential, request.params.id, request.params.userId);
    if (access === 'wrong-credential') throw notAllowed('This credential is not the deployment\'s.', 'WRONG_CREDENTIAL');
    return { access };
  });
}
