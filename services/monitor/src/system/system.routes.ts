import { Type } from 'typebox';
import { bearerToken, withProblems, type App, type Guards } from '@clove/kit';
import type { DeployerClient } from '../clients/deployer.client.js';
import type { SampleRepository } from '../metrics/sample.repository.js';

const bearer = [{ bearer: [] }];
const Usage = Type.Object({
  at: Type.String(),
  cpuCores: Type.Union([Type.Number(), Type.Null()]),
  memoryBytes: Type.Union([Type.Number(), Type.Null()]),
});
const ContainerView = Type.Object({
  namespace: Type.String(), deploymentId: Type.Union([Type.String(), Type.Null()]), component: Type.String(), workload: Type.String(),
  replica: Type.String(), node: Type.String(), state: Type.String(), ready: Type.Boolean(), restarts: Type.Integer(),
  startedAt: Type.Union([Type.String(), Type.Null()]), message: Type.Optional(Type.String()),
  cpuLimitCores: Type.Optional(Type.Number()), memoryLimitBytes: Type.Optional(Type.Number()),
  usage: Type.Union([Usage, Type.Null()]),
});
const NodeView = Type.Object({
  name: Type.String(), ready: Type.Boolean(), cpuMillis: Type.Number(), memoryBytes: Type.Number(), labels: Type.Record(Type.String(), Type.String()),
  used: Type.Object({ cpuCores: Type.Number(), memoryBytes: Type.Number(), replicas: Type.Integer() }, { description: 'Sum of the latest samples of the replicas on the node' }),
});
const ComponentView = Type.Object({
  deploymentId: Type.String(), slug: Type.String(), namespace: Type.String(), component: Type.String(), workload: Type.String(),
  revision: Type.Union([Type.Integer(), Type.Null()]), desiredReplicas: Type.Integer(), readyReplicas: Type.Integer(),
});
const ScaleBody = Type.Object({
  deploymentId: Type.String({ format: 'uuid' }),
  component: Type.String({ pattern: '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$' }),
  replicas: Type.Integer({ minimum: 0, maximum: 1000 }),
}, { additionalProperties: false });
const MoveBody = Type.Object({
  deploymentId: Type.String({ format: 'uuid' }),
  component: Type.String({ pattern: '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$' }),
  node: Type.String({ minLength: 1, maxLength: 253 }),
}, { additionalProperties: false });

/** R19, R21, R22 for admins: what runs where with its current use, how many replicas each component wants, and scaling and moving it. */
export function registerSystemRoutes(app: App, deps: { guards: Guards; deployer: DeployerClient; samples: SampleRepository; freshSeconds: number }): void {
  const admin = deps.guards.requireRole('admin');

  app.get('/monitor/containers', {
    onRequest: admin,
    schema: { summary: 'Every running replica per deployment and component, with state, restarts and current use (R19)', security: bearer, response: withProblems({ 200: Type.Array(ContainerView) }) },
  }, async () => {
    const [containers, latest] = await Promise.all([deps.deployer.containers(), deps.samples.latest(deps.freshSeconds)]);
    const usage = new Map(latest.map((s) => [`${s.namespace}/${s.replica}`, { at: s.at.toISOString(), cpuCores: s.cpuCores, memoryBytes: s.memoryBytes }]));
    return containers.map(({ pid: _pid, address: _address, ...c }) => ({ ...c, usage: usage.get(`${c.namespace}/${c.replica}`) ?? null }));
  });

  app.get('/monitor/components', {
    onRequest: admin,
    schema: {
      summary: 'Every component of the deployments with workloads, with desired and ready replicas, also when scaled to 0 (R19, R21)',
      security: bearer,
      response: withProblems({ 200: Type.Array(ComponentView) }),
    },
  }, async () => deps.deployer.components());

  app.get('/monitor/nodes', {
    onRequest: admin,
    schema: { summary: 'Nodes with capacity and use (R19)', security: bearer, response: withProblems({ 200: Type.Array(NodeView) }) },
  }, async () => {
    const [nodes, latest] = await Promise.all([deps.deployer.nodes(), deps.samples.latest(deps.freshSeconds)]);
    return nodes.map((node) => {
      const here = latest.filter((s) => s.node === node.name);
      return {
        ...node,
        used: {
          cpuCores: Math.round(here.reduce((sum, s) => sum + (s.cpuCores ?? 0), 0) * 1000) / 1000,
          memoryBytes: here.reduce((sum, s) => sum + (s.memoryBytes ?? 0), 0),
          replicas: here.length,
        },
      };
    });
  });

  app.post('/env/scale', {
    onRequest: admin,
    schema: {
      summary: 'Scale a deployment\'s component (0 allowed; the deployer keeps it across restarts) (R21)',
      security: bearer,
      body: ScaleBody,
      response: withProblems({ 200: Type.Object({ deploymentId: Type.String(), component: Type.String(), workload: Type.String(), replicas: Type.Integer() }) }),
    },
  }, async (request) => deps.deployer.scale(request.body.deploymentId, request.body.component, request.body.replicas, bearerToken(request)) as never);

  app.post('/env/move', {
    onRequest: admin,
    schema: {
      summary: 'Run a deployment\'s component on a node (Kubernetes: nodeSelector; the local runtime has one node and refuses others) (R22)',
      security: bearer,
      body: MoveBody,
      response: withProblems({ 200: Type.Object({ deploymentId: Type.String(), component: Type.String(), workload: Type.String(), node: Type.String() }) }),
    },
  }, async (request) => deps.deployer.move(request.body.deploymentId, request.body.component, request.body.node, bearerToken(request)) as never);
}
