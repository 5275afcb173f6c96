import { notAllowed, type Guard, type Guards } from '@clove/kit';
import type { MemberCheck } from './deployment-access.js';

/**
 * Seller actions on this performance: its owner (the seller the instance was started for) and
 * the sellers the owner made members of the deployment (R12).
 */
export function ownerGuard(guards: Guards, ownerId: string, isMember: MemberCheck, options: { adminMayRead?: boolean } = {}): Guard {
  const roles = options.adminMayRead ? (['seller', 'admin'] as const) : (['seller'] as const);
  const hasRole = guards.requireRole(...roles);
  return async (request, reply) => {
    await hasRole(request, reply);
    const principal = request.principal!;
    if (principal.role === 'seller' && principal.userId !== ownerId && !(await isMember(principal.userId))) {
      throw notAllowed('Only the owner of this performance and the sellers they share it with may do this.', 'NOT_OWNER');
    }
  };
}
