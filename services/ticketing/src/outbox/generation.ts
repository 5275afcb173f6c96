import type { Queryable } from '@clove/kit';

/**
 * The generation the catalog files this performance's events under: the deployment's id when
 * deployed (the deployer withdraws it by that id when the deployment is deleted), else the id
 * of the performance's own database. Either stays through restarts and blue-green revisions,
 * and changes with a new database, whose outbox sequences start again at 1.
 */
export async function generationOf(db: Queryable, deploymentId: string | undefined): Promise<string> {
  if (deploymentId) return deploymentId;
  const { rows } = await db.query<{ id: string }>('select id from database_identity');
  return rows[0]!.id;
}
