import { notAllowed, type Guard, type Guards } from '@clove/kit';

/**
 * Seller actions on this performance: only its owner (the seller the instance was started for).
 * Collaborators and per-deployment credentials arrive with the deployer (R12).
 */
export function ownerGuard(guards: Guards, ownerId: string, options: { adminMayRead?: boolean } = {}): Guard {
  const roles = options.adminMayRead ? (['seller', 'admin'] as const) : (['seller'] as const);
  const hasRole = guards.requireRole(...roles);
  return async (request, reply) => {
    await hasRole(request, reply);
    const principal = request.principal!;
    if (principal.role === 'seller' && principal.userId !== ownerId) {
      throw notAllowed('Only the seller who owns this performance may do this.', 'NOT_OWNER');
    }
  };
}
