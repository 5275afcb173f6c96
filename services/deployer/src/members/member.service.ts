import { conflict, invalid, notAllowed, notFound, type Principal } from '@clove/kit';
import type { AuthClient } from '../clients/auth.client.js';
import { accessibleDeployment } from '../deployments/deployment.access.js';
import type { DeploymentRepository } from '../deployments/deployment.repository.js';
import type { Member } from '../deployments/deployment.schemas.js';
import type { MemberLookupLimiter } from './member-lookup-limiter.js';

/** R12: the owner shares one deployment with other sellers, and takes it back. */
export class MemberService {
  constructor(
    private readonly repo: DeploymentRepository,
    private readonly auth: AuthClient,
    private readonly lookups: MemberLookupLimiter,
  ) {}

  async add(principal: Principal, id: string, email: string): Promise<Member[]> {
    await this.ownedBy(principal, id);
    await this.lookups.consume(principal.userId);
    const user = await this.auth.findByEmail(email);
    if (!user) throw notFound(`No account with the email ${email}.`, 'USER_NOT_FOUND');
    if (user.role !== 'seller') throw invalid('Only sellers can be members of a deployment.', [{ path: '/body/email', message: `belongs to a ${user.role}` }], 'NOT_A_SELLER');
    if (user.id === principal.userId) throw conflict('You own this deployment already.', 'ALREADY_OWNER');
    if (!(await this.repo.addMember(id, { userId: user.id, email: user.email }, principal.userId))) {
      throw conflict(`${email} is a member already.`, 'ALREADY_MEMBER');
    }
    return this.repo.members(id);
  }

  async remove(principal: Principal, id: string, who: { email?: string; userId?: string }): Promise<Member[]> {
    await this.ownedBy(principal, id);
    if (!(await this.repo.removeMember(id, who))) throw notFound('No such member of this deployment.', 'MEMBER_NOT_FOUND');
    return this.repo.members(id);
  }

  private async ownedBy(principal: Principal, id: string): Promise<void> {
    const { access } = await accessibleDeployment(this.repo, principal, id);
    if (access !== 'owner') throw notAllowed('Only the owner of the deployment chooses its members.', 'NOT_OWNER');
  }
}
