import { Type } from 'typebox';
import { bearerToken, principalOf, withProblems, type App, type Guards } from '@clove/kit';
import type { DeploymentService } from './deployment.service.js';
import {
  AcceptedSchema, CreateDeploymentBody, DeleteQuery, DeploymentDetailSchema, DeploymentParams, DeploymentSummarySchema,
  UpdateDeploymentBody,
} from './deployment.schemas.js';

const bearer = [{ bearer: [] }];

/** R7–R10 over HTTP: thin routes that name who may call and hand over to the service. */
export function registerDeploymentRoutes(app: App, deps: { deployments: DeploymentService; guards: Guards }): void {
  const { deployments, guards } = deps;
  const sellerOrAdmin = guards.requireRole('seller', 'admin');

  app.post('/deployments', {
    onRequest: guards.requireRole('seller'),
    schema: {
      summary: 'Deploy a template with values (seller); the status goes deploying → running, or failed with the reason',
      security: bearer,
      body: CreateDeploymentBody,
      response: withProblems({ 202: AcceptedSchema }),
    },
  }, async (request, reply) => {
    reply.status(202);
    return deployments.create(principalOf(request), bearerToken(request), request.body);
  });

  app.get('/deployments', {
    onRequest: sellerOrAdmin,
    schema: {
      summary: 'Deployments: a seller\'s own and those shared with them; all for an admin',
      security: bearer,
      response: withProblems({ 200: Type.Array(DeploymentSummarySchema) }),
    },
  }, async (request) => deployments.list(principalOf(request)));

  app.get('/deployments/:id', {
    onRequest: sellerOrAdmin,
    schema: {
      summary: 'One deployment with its revisions, components and members (owner, member, admin)',
      security: bearer,
      params: DeploymentParams,
      response: withProblems({ 200: DeploymentDetailSchema }),
    },
  }, async (request) => deployments.get(principalOf(request), request.params.id));

  app.put('/deployments/:id', {
    onRequest: sellerOrAdmin,
    schema: {
      summary: 'New values (and optionally another template): a new revision, rolled out blue-green (owner, member, admin)',
      security: bearer,
      params: DeploymentParams,
      body: UpdateDeploymentBody,
      response: withProblems({ 202: AcceptedSchema }),
    },
  }, async (request, reply) => {
    reply.status(202);
    return deployments.update(principalOf(request), bearerToken(request), request.params.id, request.body);
  });

  app.delete('/deployments/:id', {
    onRequest: sellerOrAdmin,
    schema: {
      summary: 'Stop the deployment and remove its namespace; 409 with sold, unrefunded tickets unless force=true (owner, member, admin)',
      security: bearer,
      params: DeploymentParams,
      querystring: DeleteQuery,
      response: withProblems({ 202: AcceptedSchema }),
    },
  }, async (request, reply) => {
    reply.status(202);
    return deployments.remove(principalOf(request), request.params.id, request.query.force ?? false);
  });
}
