import { isPgError, PgError } from '@clove/kit';
import type { Pool, PoolClient } from 'pg';
import type { TemplateSnapshot } from '../compose/compose.js';
import type { DeploymentStatus, Member, ProgressEntry, RevisionStatus } from './deployment.schemas.js';

type Queryable = Pool | PoolClient;

export interface DeploymentRow {
  id: string;
  slug: string;
  namespace: string;
  ownerId: string;
  templateId: string;
  templateName: string;
  status: DeploymentStatus;
  reason: string | null;
  currentRevision: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface RevisionRow {
  number: number;
  status: RevisionStatus;
  reason: string | null;
  values: Record<string, unknown>;
  templateRevision: number;
  template: TemplateSnapshot;
  progress: ProgressEntry[];
  createdAt: string;
  readyAt: string | null;
  retiredAt: string | null;
}

export interface DeploymentSecrets {
  databasePassword: string;
  ticketCodeSecret: string;
  credential: string | null;
}

const DEPLOYMENT_COLUMNS = `id, slug, namespace, owner_id as "ownerId", template_id as "templateId", template_name as "templateName",
  status, reason, current_revision as "currentRevision", to_json(created_at) #>> '{}' as "createdAt", to_json(updated_at) #>> '{}' as "updatedAt"`;
const REVISION_COLUMNS = `number, status, reason, values, template_revision as "templateRevision", template, progress,
  to_json(created_at) #>> '{}' as "createdAt", to_json(ready_at) #>> '{}' as "readyAt", to_json(retired_at) #>> '{}' as "retiredAt"`;

export class DeploymentRepository {
  constructor(private readonly pool: Pool) {}

  /** A new deployment with its first revision; null when the slug is taken by a live deployment. */
  async create(input: {
    id: string; slug: string; namespace: string; ownerId: string; template: TemplateSnapshot; values: Record<string, unknown>;
    secrets: DeploymentSecrets;
  }): Promise<DeploymentRow | null> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const inserted = await client.query<DeploymentRow>(
        `insert into deployments (id, slug, namespace, owner_id, template_id, template_name, status)
         values ($1, $2, $3, $4, $5, $6, 'deploying')
         on conflict (slug) where status not in ('failed', 'deleted') do nothing
         returning ${DEPLOYMENT_COLUMNS}`,
        [input.id, input.slug, input.namespace, input.ownerId, input.template.id, input.template.name],
      );
      if (inserted.rowCount === 0) {
        await client.query('rollback');
        return null;
      }
      await insertRevision(client, input.id, 1, input.values, input.template);
      await client.query(
        `insert into deployment_secrets (deployment_id, database_password, ticket_code_secret) values ($1, $2, $3)`,
        [input.id, input.secrets.databasePassword, input.secrets.ticketCodeSecret],
      );
      await client.query('commit');
      return inserted.rows[0]!;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async get(id: string): Promise<DeploymentRow | null> {
    const { rows } = await this.pool.query<DeploymentRow>(`select ${DEPLOYMENT_COLUMNS} from deployments where id = $1 and status <> 'deleted'`, [id]);
    return rows[0] ?? null;
  }

  /** Live deployments (not deleted): all, or those a seller owns or is a member of. */
  async list(userId: string | null): Promise<Array<DeploymentRow & { isMember: boolean }>> {
    const { rows } = await this.pool.query<DeploymentRow & { isMember: boolean }>(
      `select ${DEPLOYMENT_COLUMNS}, exists (select 1 from members m where m.deployment_id = d.id and m.user_id = $1) as "isMember"
         from deployments d
        where status <> 'deleted'
          and ($1::uuid is null or owner_id = $1 or exists (select 1 from members m where m.deployment_id = d.id and m.user_id = $1))
        order by created_at desc`,
      [userId],
    );
    return rows;
  }

  /** Deployments a previous run left in the middle of something, or running. */
  async unsettled(): Promise<DeploymentRow[]> {
    const { rows } = await this.pool.query<DeploymentRow>(
      `select ${DEPLOYMENT_COLUMNS} from deployments where status in ('deploying', 'running', 'updating', 'deleting') order by created_at`,
    );
    return rows;
  }

  /** Moves the deployment from one of the given states to another; false when it was in none of them. */
  /**
   * Starts deleting a deployment (from one of `from`). A failed one whose slug another live
   * deployment has taken since is deleted at once: its namespace and database are that one's now,
   * and not to be torn down. Returns the status it got, or null when it was in none of `from`.
   */
  async beginDelete(id: string, from: DeploymentStatus[]): Promise<'deleting' | 'deleted' | null> {
    const attempt = async () => {
      const { rows } = await this.pool.query<{ status: 'deleting' | 'deleted' }>(
        `update deployments d
            set status = case when d.status = 'failed' and exists (
                           select 1 from deployments o
                            where o.slug = d.slug and o.id <> d.id and o.status not in ('failed', 'deleted'))
                         then 'deleted' else 'deleting' end,
                updated_at = now()
          where d.id = $1 and d.status = any($2)
          returning d.status`,
        [id, from],
      );
      return rows[0]?.status ?? null;
    };
    try {
      return await attempt();
    } catch (error) {
      // Another deployment took the slug while this statement ran: the second look sees it.
      if (!isPgError(error, PgError.UNIQUE_VIOLATION)) throw error;
      return attempt();
    }
  }

  async transition(id: string, from: DeploymentStatus[], to: DeploymentStatus, reason: string | null = null): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `update deployments set status = $3, reason = $4, updated_at = now() where id = $1 and status = any($2)`,
      [id, from, to, reason],
    );
    return rowCount === 1;
  }

  /**
   * Deleted deployments whose performance the catalog has not withdrawn yet. One that never ran
   * published nothing; its slug may be another live deployment's now.
   */
  async withdrawalsOwed(): Promise<Array<{ id: string; slug: string }>> {
    const { rows } = await this.pool.query<{ id: string; slug: string }>(
      `select id, slug from deployments
        where status = 'deleted' and listing_withdrawn_at is null and current_revision is not null
        order by updated_at`,
    );
    return rows;
  }

  async setListingWithdrawn(id: string): Promise<void> {
    await this.pool.query('update deployments set listing_withdrawn_at = now() where id = $1', [id]);
  }

  async setCurrentRevision(id: string, revision: number): Promise<void> {
    await this.pool.query(`update deployments set current_revision = $2, updated_at = now() where id = $1`, [id, revision]);
  }

  async revisions(id: string): Promise<RevisionRow[]> {
    const { rows } = await this.pool.query<RevisionRow>(`select ${REVISION_COLUMNS} from revisions where deployment_id = $1 order by number desc`, [id]);
    return rows;
  }

  async revision(id: string, number: number): Promise<RevisionRow | null> {
    const { rows } = await this.pool.query<RevisionRow>(`select ${REVISION_COLUMNS} from revisions where deployment_id = $1 and number = $2`, [id, number]);
    return rows[0] ?? null;
  }

  /**
   * Starts an update: the deployment goes from running to updating and gets the next revision,
   * in one transaction; null when it is not running (another change is under way, or it failed).
   */
  async beginUpdate(id: string, values: Record<string, unknown>, template: TemplateSnapshot): Promise<number | null> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const moved = await client.query(
        `update deployments set status = 'updating', reason = null, template_id = $2, template_name = $3, updated_at = now()
          where id = $1 and status = 'running'`,
        [id, template.id, template.name],
      );
      if (moved.rowCount === 0) {
        await client.query('rollback');
        return null;
      }
      const { rows } = await client.query<{ n: number }>(`select coalesce(max(number), 0) + 1 as n from revisions where deployment_id = $1`, [id]);
      const number = rows[0]!.n;
      await insertRevision(client, id, number, values, template);
      await client.query('commit');
      return number;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async setRevisionStatus(id: string, number: number, status: RevisionStatus, reason: string | null = null): Promise<void> {
    await this.pool.query(
      `update revisions set status = $3, reason = $4,
         ready_at = case when $3 = 'active' then now() else ready_at end,
         retired_at = case when $3 = 'retired' then now() else retired_at end
       where deployment_id = $1 and number = $2`,
      [id, number, status, reason],
    );
  }

  async appendProgress(id: string, number: number, entry: ProgressEntry): Promise<void> {
    await this.pool.query(
      `update revisions set progress = progress || jsonb_build_array($3::jsonb) where deployment_id = $1 and number = $2`,
      [id, number, JSON.stringify(entry)],
    );
  }

  async secrets(id: string): Promise<DeploymentSecrets | null> {
    const { rows } = await this.pool.query<DeploymentSecrets>(
      `select database_password as "databasePassword", ticket_code_secret as "ticketCodeSecret", credential from deployment_secrets where deployment_id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setCredential(id: string, credential: string | null, expiresAt: string | null): Promise<void> {
    await this.pool.query(`update deployment_secrets set credential = $2, credential_expires_at = $3 where deployment_id = $1`, [id, credential, expiresAt]);
  }

  /** The deployment whose workloads hold this credential. */
  async byCredential(credential: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      `select s.deployment_id as id from deployment_secrets s join deployments d on d.id = s.deployment_id
        where s.credential = $1 and d.status <> 'deleted'`,
      [credential],
    );
    return rows[0]?.id ?? null;
  }

  /** Admins' replica counts and nodes per component. */
  async overrides(id: string): Promise<Record<string, OverrideRow>> {
    const { rows } = await this.pool.query<OverrideRow & { component: string }>(
      'select component, replicas, node from component_overrides where deployment_id = $1',
      [id],
    );
    return Object.fromEntries(rows.map(({ component, ...override }) => [component, override]));
  }

  async setOverride(id: string, component: string, change: { replicas: number } | { node: string }): Promise<void> {
    const replicas = 'replicas' in change ? change.replicas : null;
    const node = 'node' in change ? change.node : null;
    await this.pool.query(
      `insert into component_overrides (deployment_id, component, replicas, node) values ($1, $2, $3, $4)
       on conflict (deployment_id, component) do update set
         replicas = coalesce($3, component_overrides.replicas), node = coalesce($4, component_overrides.node), updated_at = now()`,
      [id, component, replicas, node],
    );
  }

  /** Deployments whose namespace may hold workloads, oldest first. */
  async withWorkloads(): Promise<DeploymentRow[]> {
    const { rows } = await this.pool.query<DeploymentRow>(
      `select ${DEPLOYMENT_COLUMNS} from deployments d
        where status in ('deploying', 'running', 'updating')
           or (status = 'failed' and not exists (
                 select 1 from deployments o where o.slug = d.slug and o.id <> d.id and o.status not in ('failed', 'deleted')))
        order by created_at`,
    );
    return rows;
  }

  /** Live deployments by namespace. */
  async byNamespace(): Promise<Map<string, DeploymentRow>> {
    const { rows } = await this.pool.query<DeploymentRow>(`select ${DEPLOYMENT_COLUMNS} from deployments where status not in ('failed', 'deleted')`);
    return new Map(rows.map((r) => [r.namespace, r]));
  }

  async members(id: string): Promise<Member[]> {
    const { rows } = await this.pool.query<Member>(
      `select user_id as "userId", email, to_json(added_at) #>> '{}' as "addedAt" from members where deployment_id = $1 order by added_at`,
      [id],
    );
    return rows;
  }

  async isMember(id: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('select 1 from members where deployment_id = $1 and user_id = $2', [id, userId]);
    return rowCount === 1;
  }

  /** Adds a member; false when they already are one. */
  async addMember(id: string, member: { userId: string; email: string }, addedBy: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `insert into members (deployment_id, user_id, email, added_by) values ($1, $2, $3, $4) on conflict do nothing`,
      [id, member.userId, member.email, addedBy],
    );
    return rowCount === 1;
  }

  async removeMember(id: string, who: { userId?: string; email?: string }): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `delete from members where deployment_id = $1 and (user_id = $2 or lower(email) = lower($3))`,
      [id, who.userId ?? null, who.email ?? null],
    );
    return (rowCount ?? 0) > 0;
  }
}

export interface OverrideRow {
  replicas: number | null;
  node: string | null;
}

async function insertRevision(client: PoolClient, id: string, number: number, values: Record<string, unknown>, template: TemplateSnapshot): Promise<void> {
  await client.query(
    `insert into revisions (deployment_id, number, status, values, template_revision, template) values ($1, $2, 'deploying', $3, $4, $5)`,
    [id, number, JSON.stringify(values), template.revision, JSON.stringify(template)],
  );
}

export type { Queryable };
