import { Type } from 'typebox';
import { principalOf, withProblems, type App, type Guards } from '@clove/kit';
import { DeploymentParams, MemberBody, MemberRemoveBody, MemberSchema } from '../deployments/deployment.schemas.js';
import type { MemberService } from './member.service.js';

const bearer = [{ bearer: [] }];

export function registerMemberRoutes(app: App, deps: { members: MemberService; guards: Guards }): void {
  const seller = deps.guards.requireRole('seller');

  app.post('/deployments/:id/members', {
    onRequest: seller,
    schema: {
      summary: 'Give another seller access to this deployment (owner); answers the members',
      security: bearer,
      params: DeploymentParams,
      body: MemberBody,
      response: withProblems({ 201: Type.Array(MemberSchema) }),
    },
  }, async (request, reply) => {
    reply.status(201);
    return deps.members.add(principalOf(request), request.params.id, request.body.email);
  });

  app.delete('/deployments/:id/members', {
    onRequest: seller,
    schema: {
      summary: 'Take a seller\'s access to this deployment away, by email or user id (owner); answers the members left',
      security: bearer,
      params: DeploymentParams,
      body: MemberRemoveBody,
      response: withProblems({ 200: Type.Array(MemberSchema) }),
    },
  }, async (request) => deps.members.remove(principalOf(request), request.params.id, request.body));
}
