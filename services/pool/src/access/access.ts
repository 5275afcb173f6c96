import type { FastifyReply, FastifyRequest } from 'fastify';
import { notAllowed, type Guards } from '@clove/kit';
import type { StaticTokens } from '@clove/kit';

export type AccessGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Access {
  admin: AccessGuard;
  /** Admins, or services presenting a service token. */
  adminOrService: AccessGuard;
  service: AccessGuard;
  /** Whether the request carries a service token (checked by a guard before). */
  isService: (request: FastifyRequest) => boolean;
}

/**
 * Who may call a route: admins by access token, other services by service token. A service
 * token is opaque, so it is checked first; anything else must be a valid access token (401
 * otherwise) of the right kind of caller (403 otherwise).
 */
export function createAccess(tokens: StaticTokens, guards: Guards): Access {
  const admin = guards.requireRole('admin');
  const allow = (who: { admin: boolean; service: boolean }): AccessGuard => async (request, reply) => {
    if (tokens.accepts(request.headers.authorization)) {
      if (who.service) return;
      throw notAllowed('This action is for admins; a service token cannot do it.', 'WRONG_CALLER');
    }
    if (who.admin) return admin(request, reply);
    await guards.authenticated(request, reply);
    throw notAllowed('This action needs a service token.', 'WRONG_CALLER');
  };
  return {
    admin: allow({ admin: true, service: false }),
    adminOrService: allow({ admin: true, service: true }),
    service: allow({ admin: false, service: true }),
    isService: (request) => tokens.accepts(request.headers.authorization),
  };
}
