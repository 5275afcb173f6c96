import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { variableNamesOf } from '@clove/kit';
import { composeRevision, platformSecret, refsOf, type ComponentOverride, type ComposedRevision } from '../compose/compose.js';
import { LABELS } from '../compose/naming.js';
import type { NamespaceDatabases } from '../databases/namespace-database.js';
import type { KubeDocument, RuntimeDriver } from '../runtime/driver.js';
import { createStep, runWorkflow, type Step, type StepState } from '../workflow/workflow.js';
import { bindingOf, type BindingConfig } from './binding.js';
import type { DeploymentRepository, DeploymentRow, RevisionRow } from './deployment.repository.js';

export interface WorkflowDeps {
  repo: DeploymentRepository;
  driver: RuntimeDriver;
  databases: NamespaceDatabases;
  binding: BindingConfig;
  readyTimeoutMs: number;
  /** Grace between switching traffic to green and stopping blue. */
  drainMs: number;
  /** Told when a deployment is deleted, to take its performance off the catalog's listing. */
  listingWithdrawals?: { nudge(): void };
  /** Aborted when the deployer stops: workflows end without undoing, for the next start to settle. */
  stopping?: AbortSignal;
}

interface RevisionContext {
  deployment: DeploymentRow;
  revision: number;
  composed: ComposedRevision;
}

export function composedOf(
  deployment: DeploymentRow,
  revision: RevisionRow,
  overrides?: Record<string, ComponentOverride>,
  binding?: BindingConfig,
): ComposedRevision {
  return composeRevision({
    template: revision.template,
    values: revision.values,
    slug: deployment.slug,
    deploymentId: deployment.id,
    revision: revision.number,
    overrides,
    platformNames: binding ? variableNamesOf(binding.platformEnv) : {},
  });
}

/** The namespace's platform Secret, made from what the deployer keeps for the deployment. */
async function secretOf(deps: WorkflowDeps, deployment: DeploymentRow): Promise<KubeDocument> {
  const secrets = await deps.repo.secrets(deployment.id);
  if (!secrets) throw new Error(`The secrets of deployment ${deployment.id} are missing.`);
  const databaseUrl = await deps.databases.ensure(deployment.slug, secrets.databasePassword);
  return platformSecret(bindingOf(deps.binding, deployment, secrets, databaseUrl), deployment.id);
}

function progressOf(deps: WorkflowDeps, deploymentId: string, revision: number) {
  return async (step: string, state: StepState, message?: string) => {
    await deps.repo.appendProgress(deploymentId, revision, { step, state, at: new Date().toISOString(), ...(message ? { message } : {}) });
  };
}

/**
 * R7: namespace → credential → database → apply → wait until ready → route. A failing step
 * undoes the ones before it, so a failed deploy leaves nothing behind.
 */
export async function deployFirstRevision(deps: WorkflowDeps, context: RevisionContext): Promise<void> {
  const { driver, repo, databases } = deps;
  const { deployment, composed } = context;
  const ns = deployment.namespace;
  const steps: Array<Step<RevisionContext>> = [
    createStep('namespace',
      () => driver.ensureNamespace({ name: ns, labels: { [LABELS.deployment]: deployment.id, 'clove.dev/slug': deployment.slug } }),
      () => driver.deleteNamespace(ns)),
    createStep('credential', async () => {
      const credential = await driver.issueCredential(ns);
      await repo.setCredential(deployment.id, credential.token, credential.expiresAt);
    }, () => repo.setCredential(deployment.id, null, null)),
    createStep('database', async () => {
      const secrets = await repo.secrets(deployment.id);
      await databases.ensure(deployment.slug, secrets!.databasePassword);
    }, () => databases.drop(deployment.slug)),
    createStep('apply',
      async () => driver.apply(ns, [await secretOf(deps, deployment), ...composed.workloads]),
      () => driver.remove(ns, refsOf(composed.workloads))),
    createStep('ready', () => driver.waitReady(ns, composed.deployments, deps.readyTimeoutMs)),
    createStep('route', () => driver.apply(ns, composed.routes), () => driver.remove(ns, refsOf(composed.routes))),
  ];
  await runWorkflow(steps, context, progressOf(deps, deployment.id, context.revision), deps.stopping);
}

/**
 * R8 blue-green: green starts beside blue on the same database, becomes ready, the routes
 * switch to it in one apply, blue is given time to finish what it serves and is removed.
 */
export async function rollOutRevision(deps: WorkflowDeps, context: RevisionContext, blue: ComposedRevision): Promise<void> {
  const { driver } = deps;
  const { deployment, composed: green } = context;
  const ns = deployment.namespace;
  const greenRoutes = new Set(green.routes.map((r) => r.metadata.name));
  const goneRoutes = blue.routes.filter((r) => !greenRoutes.has(r.metadata.name));
  const steps: Array<Step<RevisionContext>> = [
    createStep('apply',
      async () => driver.apply(ns, [await secretOf(deps, deployment), ...green.workloads]),
      () => driver.remove(ns, refsOf(green.workloads))),
    createStep('ready', () => driver.waitReady(ns, green.deployments, deps.readyTimeoutMs)),
    createStep('switch', async () => {
      await driver.apply(ns, green.routes);
      if (goneRoutes.length > 0) await driver.remove(ns, refsOf(goneRoutes));
    }, async () => {
      await driver.apply(ns, blue.routes);
      const blueRoutes = new Set(blue.routes.map((r) => r.metadata.name));
      const added = green.routes.filter((r) => !blueRoutes.has(r.metadata.name));
      if (added.length > 0) await driver.remove(ns, refsOf(added));
    }),
    createStep('drain', async () => {
      await delay(deps.drainMs);
      const greenNames = new Set(green.workloads.map((w) => `${w.kind}/${w.metadata.name}`));
      await driver.remove(ns, refsOf(blue.workloads.filter((w) => !greenNames.has(`${w.kind}/${w.metadata.name}`))));
    }),
  ];
  await runWorkflow(steps, context, progressOf(deps, deployment.id, context.revision), deps.stopping);
}

/** Brings a revision up again as it was (after a restart of the platform). Idempotent. */
export async function restoreRevision(deps: WorkflowDeps, deployment: DeploymentRow, composed: ComposedRevision): Promise<void> {
  const { driver } = deps;
  const ns = deployment.namespace;
  await driver.ensureNamespace({ name: ns, labels: { [LABELS.deployment]: deployment.id, 'clove.dev/slug': deployment.slug } });
  await driver.apply(ns, [await secretOf(deps, deployment), ...composed.workloads]);
  await driver.waitReady(ns, composed.deployments, deps.readyTimeoutMs);
  await driver.apply(ns, composed.routes);
}

export type TearDownStep = 'routes' | 'namespace' | 'database' | 'credential';

/** A teardown step slower than this is logged, saying which step took the time. */
const SLOW_TEARDOWN_STEP_MS = 5_000;

/** For tearDown's `took`: warns of a slow step of the deployment's teardown. */
export function warnOfSlowSteps(log: Pick<FastifyBaseLogger, 'warn'>, deploymentId: string): (step: TearDownStep, ms: number) => void {
  return (step, ms) => {
    if (ms >= SLOW_TEARDOWN_STEP_MS) log.warn({ deployment: deploymentId, step, ms: Math.round(ms) }, `deleting: the ${step} step took ${(ms / 1000).toFixed(1)} s`);
  };
}

/**
 * R10: routes first (no new traffic), then the namespace with its workloads, the database and the
 * credential. Idempotent. Each step's time, finished or failed, is told to `took`: stopping the
 * workloads waits for their requests, and dropping the database for a checkpoint of the server.
 */
export async function tearDown(
  deps: WorkflowDeps,
  deployment: DeploymentRow,
  routes: KubeDocument[],
  took: (step: TearDownStep, ms: number) => void = () => undefined,
): Promise<void> {
  const ns = deployment.namespace;
  const timed = async (step: TearDownStep, work: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await work();
    } finally {
      took(step, performance.now() - started);
    }
  };
  if (routes.length > 0) await timed('routes', () => deps.driver.remove(ns, refsOf(routes)).catch(() => undefined));
  await timed('namespace', () => deps.driver.deleteNamespace(ns));
  await timed('database', () => deps.databases.drop(deployment.slug));
  await timed('credential', () => deps.repo.setCredential(deployment.id, null, null));
}
