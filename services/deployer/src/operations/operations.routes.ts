import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withProblems, type App, type Guards, type StaticTokens } from '@clove/kit';
import type { OperationsService } from './operations.service.js';

const bearer = [{ bearer: [] }];
const Params = Type.Object({ id: Type.String({ format: 'uuid' }), component: Type.String({ pattern: '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$' }) });
const Replica = Type.Object({
  replica: Type.String(), node: Type.String(), state: Type.String(), ready: Type.Boolean(), restarts: Type.Integer(),
  startedAt: Type.Union([Type.String(), Type.Null()]), message: Type.Optional(Type.String()),
  pid: Type.Optional(Type.Integer()), address: Type.Optional(Type.String()),
});
const ContainerSchema = Type.Object({
  ...Replica.properties,
  namespace: Type.String(),
  workload: Type.String(),
  component: Type.String(),
  deploymentId: Type.Union([Type.String(), Type.Null()]),
  revision: Type.Union([Type.Integer(), Type.Null()]),
  cpuLimitCores: Type.Optional(Type.Number()),
  memoryLimitBytes: Type.Optional(Type.Number()),
});
const ComponentSchema = Type.Object({
  deploymentId: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  namespace: Type.String(),
  component: Type.String(),
  workload: Type.String(),
  revision: Type.Union([Type.Integer(), Type.Null()]),
  desiredReplicas: Type.Integer(),
  readyReplicas: Type.Integer(),
});
const NodeSchema = Type.Object({
  name: Type.String(), ready: Type.Boolean(), cpuMillis: Type.Number(), memoryBytes: Type.Number(),
  labels: Type.Record(Type.String(), Type.String()),
});

/** The runtime's view for admins and the monitor service (service token): nodes, containers, components, scale, move. */
export function registerOperationsRoutes(app: App, deps: { operations: OperationsService; guards: Guards; serviceTokens: StaticTokens | null }): void {
  const admin = deps.guards.requireRole('admin');
  const adminOrService = async (request: FastifyRequest, reply: FastifyReply) => {
    if (deps.serviceTokens?.accepts(request.headers.authorization)) return;
    await admin(request, reply);
  };

  app.get('/runtime/nodes', {
    onRequest: adminOrService,
    schema: { summary: 'Nodes of the runtime with their capacity (admin, monitor)', security: bearer, response: withProblems({ 200: Type.Array(NodeSchema) }) },
  }, async () => deps.operations.nodes());

  app.get('/runtime/containers', {
    onRequest: adminOrService,
    schema: {
      summary: 'Every managed replica with its deployment, component, state, restarts and limits (admin, monitor)',
      security: bearer,
      response: withProblems({ 200: Type.Array(ContainerSchema) }),
    },
  }, async () => deps.operations.containers());

  app.get('/runtime/components', {
    onRequest: adminOrService,
    schema: {
      summary: 'Every component of the deployments with workloads, with desired and ready replicas, also when scaled to 0 (admin, monitor)',
      security: bearer,
      response: withProblems({ 200: Type.Array(ComponentSchema) }),
    },
  }, async () => deps.operations.components());

  app.put('/deployments/:id/components/:component/replicas', {
    onRequest: adminOrService,
    schema: {
      summary: 'Scale a component (0 allowed); kept across restarts and revisions (admin, monitor)',
      security: bearer,
      params: Params,
      body: Type.Object({ replicas: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
      response: withProblems({ 200: Type.Object({ deploymentId: Type.String(), component: Type.String(), workload: Type.String(), replicas: Type.Integer() }) }),
    },
  }, async (request) => deps.operations.scale(request.params.id, request.params.component, request.body.replicas));

  app.put('/deployments/:id/components/:component/node', {
    onRequest: adminOrService,
    schema: {
      summary: 'Run a component on a node; kept across restarts and revisions (admin, monitor)',
      security: bearer,
      params: Params,
      body: Type.Object({ node: Type.String({ minLength: 1, maxLength: 253 }) }, { additionalProperties: false }),
      response: withProblems({ 200: Type.Object({ deploymentId: Type.String(), component: Type.String(), workload: Type.String(), node: Type.String() }) }),
    },
  }, async (request) => deps.operations.move(request.params.id, request.params.component, request.body.node));
}
