import { notAllowed, notFound, type Principal } from '@clove/kit';
import type { DeploymentRepository, DeploymentRow } from './deployment.repository.js';

export type Access = 'owner' | 'member' | 'admin';

/** R12: access is per deployment — its owner, the sellers made members of it, and admins. */
export async function accessOf(repo: DeploymentRepository, principal: Principal, deployment: DeploymentRow): Promise<Access | null> {
  if (principal.role === 'admin') return 'admin';
  if (principal.role !== 'seller') return null;
  if (deployment.ownerId === principal.userId) return 'owner';
  return (await repo.isMember(deployment.id, principal.userId)) ? 'member' : null;
}

/** The deployment, if the principal may see and change it (owner, member, admin); 404 or 403 otherwise. */
export async function accessibleDeployment(repo: DeploymentRepository, principal: Principal, id: string): Promise<{ deployment: DeploymentRow; access: Access }> {
  const deployment = await repo.get(id);
  if (!deployment) throw notFound(`No deployment ${id}.`, 'DEPLOYMENT_NOT_FOUND');
  const access = await accessOf(repo, principal, deployment);
  if (!access) throw notAllowed('This deployment is not yours, and you are not a member of it.', 'NOT_YOUR_DEPLOYMENT');
  return { deployment, access };
}
