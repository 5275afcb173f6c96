import type { FastifyBaseLogger } from 'fastify';
import type { Restoration } from './deployment.restoration.js';
import { composedOf, restoreRevision, tearDown, warnOfSlowSteps, type WorkflowDeps } from './deployment.workflows.js';

const INTERRUPTED = 'interrupted by a restart of the platform';

/**
 * When the deployer starts, every deployment ends in a definite state: an interrupted deploy
 * is rolled back and failed, an interrupted update is failed and its previous revision kept,
 * an interrupted delete is finished, and running deployments are brought up again (the local
 * runtime adopts replicas that outlived a crash of the deployer, and starts those that stopped
 * with the platform). The restoration, if given, follows those brought back.
 */
export async function recoverDeployments(deps: WorkflowDeps & { log: FastifyBaseLogger; restoration?: Restoration }): Promise<void> {
  const { repo, log, restoration } = deps;
  const unsettled = await repo.unsettled();
  await Promise.all(unsettled.map(async (deployment) => {
    try {
      const revisions = await repo.revisions(deployment.id);
      const routesOf = (filter: (status: string) => boolean) =>
        revisions.filter((r) => filter(r.status)).flatMap((r) => composedOf(deployment, r).routes);
      switch (deployment.status) {
        case 'deploying': {
          await tearDown(deps, deployment, routesOf(() => true), warnOfSlowSteps(log, deployment.id));
          for (const r of revisions.filter((r) => r.status === 'deploying')) await repo.setRevisionStatus(deployment.id, r.number, 'failed', INTERRUPTED);
          await repo.transition(deployment.id, ['deploying'], 'failed', `${INTERRUPTED}; rolled back`);
          break;
        }
        case 'deleting':
          await tearDown(deps, deployment, routesOf((s) => s !== 'failed'), warnOfSlowSteps(log, deployment.id));
          await repo.transition(deployment.id, ['deleting'], 'deleted');
          deps.listingWithdrawals?.nudge();
          break;
        case 'updating':
        case 'running': {
          restoration?.begin(deployment.id, { slug: deployment.slug, namespace: deployment.namespace });
          for (const r of revisions.filter((r) => r.status === 'deploying')) {
            await deps.driver.remove(deployment.namespace, composedOf(deployment, r).workloads.map((d) => ({ kind: d.kind, name: d.metadata.name })));
            await repo.setRevisionStatus(deployment.id, r.number, 'failed', INTERRUPTED);
          }
          const current = revisions.find((r) => r.number === deployment.currentRevision);
          if (current) await restoreRevision(deps, deployment, composedOf(deployment, current, await repo.overrides(deployment.id), deps.binding));
          if (deployment.status === 'updating') {
            await repo.transition(deployment.id, ['updating'], 'running', `the update was ${INTERRUPTED}; the previous revision serves`);
          }
          restoration?.served(deployment.id);
          break;
        }
        default:
          break;
      }
    } catch (error) {
      restoration?.gaveUp(deployment.id);
      log.error({ err: error, deployment: deployment.id }, 'a deployment could not be brought back after a restart');
      await repo.transition(deployment.id, ['running', 'updating'], 'running', `could not be started again: ${(error as Error).message}`).catch(() => undefined);
    }
  }));
}
