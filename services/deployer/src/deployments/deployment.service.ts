import { randomBytes } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { conflict, invalid, notAllowed, type Principal } from '@clove/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { TemplatesClient } from '../clients/templates.client.js';
import type { TemplateSnapshot } from '../compose/compose.js';
import { namespaceOf, publicPathOf } from '../compose/naming.js';
import { invalidDocuments } from '../compose/validate.js';
import { changedValues, checkValues } from '../compose/values.js';
import { WorkflowFailed, WorkflowInterrupted } from '../workflow/workflow.js';
import { accessibleDeployment, type Access } from './deployment.access.js';
import { componentOf } from './deployment.components.js';
import type { DeploymentRepository, DeploymentRow } from './deployment.repository.js';
import type { DeploymentDetail, DeploymentSummary, ValueChanges, Values } from './deployment.schemas.js';
import { composedOf, deployFirstRevision, rollOutRevision, tearDown, warnOfSlowSteps, type WorkflowDeps } from './deployment.workflows.js';

export interface Accepted {
  id: string;
  slug: string;
  namespace: string;
  status: DeploymentRow['status'];
  revision: number;
}

/**
 * R7–R10: deployments as a seller sees them. Changes are accepted at once (202) and carried
 * out by workflows in the background; their progress is in the revision.
 */
export class DeploymentService {
  private readonly inFlight = new Set<Promise<void>>();
  /** Deployments whose teardown runs in this process. */
  private readonly deleting = new Set<string>();

  constructor(
    private readonly deps: WorkflowDeps & { templates: TemplatesClient; log: FastifyBaseLogger; reservedSlugs?: ReadonlySet<string> },
  ) {}

  private get repo(): DeploymentRepository {
    return this.deps.repo;
  }

  async create(principal: Principal, token: string, body: { templateId: string; values: Values }): Promise<Accepted> {
    if (principal.role !== 'seller') throw notAllowed('Only sellers deploy performances.', 'NOT_A_SELLER');
    const template = await this.deps.templates.current(body.templateId, token);
    const values = checkValues(template.parameters, body.values);
    const slug = values.slug as string;
    if (this.deps.reservedSlugs?.has(slug)) {
      throw conflict(`The slug ${slug} is taken by a performance the platform runs itself.`, 'SLUG_TAKEN');
    }
    // Time-ordered: the catalog tells a later performance under a reused slug from an earlier one by it.
    const id = timeOrderedUuid();
    this.checkComposes(template, values, slug, id);
    const deployment = await this.repo.create({
      id,
      slug,
      namespace: namespaceOf(slug),
      ownerId: principal.userId,
      template,
      values,
      secrets: { databasePassword: secret(), ticketCodeSecret: secret(), credential: null },
    });
    if (!deployment) throw conflict(`The slug ${slug} is taken by another performance.`, 'SLUG_TAKEN');
    this.background(this.runFirstDeploy(deployment));
    return { id, slug, namespace: deployment.namespace, status: deployment.status, revision: 1 };
  }

  async update(principal: Principal, token: string, id: string, body: { values: ValueChanges; templateId?: string }): Promise<Accepted> {
    const { deployment } = await accessibleDeployment(this.repo, principal, id);
    if (deployment.status !== 'running') throw busy(deployment);
    const current = await this.repo.revision(id, deployment.currentRevision!);
    const template = body.templateId ? await this.deps.templates.current(body.templateId, token) : current!.template;
    if (body.values.slug !== undefined && body.values.slug !== deployment.slug) {
      throw invalid('A deployment keeps its slug.', [{ path: '/body/values/slug', message: `must stay ${deployment.slug}` }], 'SLUG_IMMUTABLE');
    }
    const sameTemplate = !body.templateId || body.templateId === current!.template.id;
    const values = checkValues(template.parameters, { ...changedValues(body.values, current!.values, sameTemplate), slug: deployment.slug });
    this.checkComposes(template, values, deployment.slug, id, (deployment.currentRevision ?? 0) + 1);
    const number = await this.repo.beginUpdate(id, values, template);
    if (number === null) throw busy((await this.repo.get(id)) ?? deployment);
    this.background(this.runUpdate(id, number));
    return { id, slug: deployment.slug, namespace: deployment.namespace, status: 'updating', revision: number };
  }

  async remove(principal: Principal, id: string, force: boolean): Promise<Accepted> {
    const { deployment } = await accessibleDeployment(this.repo, principal, id);
    const accepted = (status: Accepted['status']): Accepted =>
      ({ id, slug: deployment.slug, namespace: deployment.namespace, status, revision: deployment.currentRevision ?? 0 });
    if (deployment.status === 'deploying' || deployment.status === 'updating') throw busy(deployment);
    if (deployment.status === 'deleting') {
      // Asked again: the delete under way goes on; one that stopped half-way (its teardown
      // failed) is tried again. Either way there is one teardown at a time.
      if (!this.deleting.has(id)) this.background(this.runDelete(id));
      return accepted('deleting');
    }
    if (!force && deployment.status !== 'failed') {
      const live = await this.deps.databases.liveTickets(deployment.slug);
      if (live > 0) {
        throw conflict(`${live} tickets are sold and not refunded; delete with force=true to remove the performance anyway.`, 'TICKETS_SOLD', { liveTickets: live });
      }
    }
    const status = await this.repo.beginDelete(id, ['running', 'failed']);
    if (status === null) {
      // Changed meanwhile: by a delete asked at the same moment (the same answer), or by something else.
      const now = await this.repo.get(id);
      if (!now) return accepted('deleted');
      if (now.status === 'deleting') return accepted('deleting');
      throw busy(now);
    }
    if (status === 'deleting') this.background(this.runDelete(id));
    return accepted(status);
  }

  async list(principal: Principal): Promise<DeploymentSummary[]> {
    if (principal.role !== 'seller' && principal.role !== 'admin') throw notAllowed('Deployments are for sellers and admins.', 'WRONG_ROLE');
    const rows = await this.repo.list(principal.role === 'admin' ? null : principal.userId);
    return rows.map((row) => summary(row, principal.role === 'admin' ? 'admin' : row.ownerId === principal.userId ? 'owner' : 'member'));
  }

  async get(principal: Principal, id: string): Promise<DeploymentDetail> {
    const { deployment, access } = await accessibleDeployment(this.repo, principal, id);
    const [revisions, members, workloads] = await Promise.all([
      this.repo.revisions(id),
      this.repo.members(id),
      this.deps.driver.status(deployment.namespace).catch((error: unknown) => {
        this.deps.log.warn({ err: error, deployment: id }, 'the runtime did not tell the status');
        return [];
      }),
    ]);
    const current = revisions.find((r) => r.number === deployment.currentRevision) ?? revisions[0];
    return {
      ...summary(deployment, access),
      values: current?.values ?? {},
      revisions: revisions.map(({ template: _template, ...revision }) => revision),
      components: workloads.map(componentOf),
      members,
    };
  }

  /** Which access a user has to a deployment, asked by that deployment's own workloads with its credential. */
  async accessForWorkload(credential: string, id: string, userId: string): Promise<'owner' | 'member' | 'none' | 'wrong-credential'> {
    if ((await this.repo.byCredential(credential)) !== id) return 'wrong-credential';
    const deployment = await this.repo.get(id);
    if (!deployment) return 'wrong-credential';
    if (deployment.ownerId === userId) return 'owner';
    return (await this.repo.isMember(id, userId)) ? 'member' : 'none';
  }

  /** Waits for the workflows under way (used when stopping). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** The documents the values make must be valid Kubernetes documents before anything starts. */
  private checkComposes(template: TemplateSnapshot, values: Record<string, unknown>, slug: string, id: string, revision = 1): void {
    const composed = composedOf({ id, slug } as DeploymentRow, { template, values, number: revision } as never);
    const problems = invalidDocuments([...composed.workloads, ...composed.routes]);
    if (problems.length > 0) {
      throw invalid('With these values the template does not make valid Kubernetes documents.', problems.map((message) => ({ path: '/body/values', message })), 'INVALID_DOCUMENTS');
    }
  }

  private async runFirstDeploy(deployment: DeploymentRow): Promise<void> {
    const revision = (await this.repo.revision(deployment.id, 1))!;
    try {
      await deployFirstRevision(this.deps, { deployment, revision: 1, composed: composedOf(deployment, revision, undefined, this.deps.binding) });
      await this.repo.setRevisionStatus(deployment.id, 1, 'active');
      await this.repo.setCurrentRevision(deployment.id, 1);
      await this.repo.transition(deployment.id, ['deploying'], 'running');
    } catch (error) {
      if (error instanceof WorkflowInterrupted) return;
      const reason = failureReason(error);
      this.deps.log.warn({ deployment: deployment.id, reason }, 'deploy failed and was rolled back');
      await this.repo.setRevisionStatus(deployment.id, 1, 'failed', reason);
      await this.repo.transition(deployment.id, ['deploying'], 'failed', reason);
    }
  }

  private async runUpdate(id: string, number: number): Promise<void> {
    const deployment = (await this.repo.get(id))!;
    const blueRevision = (await this.repo.revision(id, deployment.currentRevision!))!;
    const greenRevision = (await this.repo.revision(id, number))!;
    const overrides = await this.repo.overrides(id);
    try {
      await rollOutRevision(this.deps, { deployment, revision: number, composed: composedOf(deployment, greenRevision, overrides, this.deps.binding) }, composedOf(deployment, blueRevision, overrides, this.deps.binding));
      await this.repo.setRevisionStatus(id, number, 'active');
      await this.repo.setRevisionStatus(id, blueRevision.number, 'retired');
      await this.repo.setCurrentRevision(id, number);
      await this.repo.transition(id, ['updating'], 'running');
    } catch (error) {
      if (error instanceof WorkflowInterrupted) return;
      const reason = failureReason(error);
      this.deps.log.warn({ deployment: id, revision: number, reason }, 'update failed; the previous revision keeps serving');
      await this.repo.setRevisionStatus(id, number, 'failed', reason);
      await this.repo.transition(id, ['updating'], 'running', `revision ${number} failed: ${reason}`);
    }
  }

  private async runDelete(id: string): Promise<void> {
    const deployment = await this.repo.get(id);
    if (!deployment || this.deleting.has(id)) return;
    this.deleting.add(id);
    try {
      const revisions = await this.repo.revisions(id);
      const routes = revisions.filter((r) => r.status !== 'failed').flatMap((r) => composedOf(deployment, r).routes);
      await tearDown(this.deps, deployment, routes, warnOfSlowSteps(this.deps.log, id));
      await this.repo.transition(id, ['deleting'], 'deleted');
      this.deps.listingWithdrawals?.nudge();
    } catch (error) {
      this.deps.log.error({ err: error, deployment: id }, 'delete did not finish; it is retried when the deployer starts');
      await this.repo.transition(id, ['deleting'], 'deleting', `delete did not finish: ${(error as Error).message}`);
    } finally {
      this.deleting.delete(id);
    }
  }

  private background(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.deps.log.error({ err: error }, 'a deployment workflow failed unexpectedly'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

function summary(row: DeploymentRow, access: Access): DeploymentSummary {
  return {
    id: row.id,
    slug: row.slug,
    namespace: row.namespace,
    status: row.status,
    reason: row.reason,
    ownerId: row.ownerId,
    templateId: row.templateId,
    templateName: row.templateName,
    currentRevision: row.currentRevision,
    url: `${publicPathOf(row.slug)}/`,
    access,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function busy(deployment: DeploymentRow) {
  return conflict(`The deployment is ${deployment.status}; wait until it is done.`, 'DEPLOYMENT_BUSY', { status: deployment.status });
}

function failureReason(error: unknown): string {
  if (error instanceof WorkflowFailed) {
    const undo = error.undoFailures.length > 0 ? ` (rollback incomplete: ${error.undoFailures.join('; ')})` : '';
    return `${error.message}${undo}`;
  }
  return (error as Error)?.message ?? String(error);
}

const secret = () => randomBytes(32).toString('base64url');

