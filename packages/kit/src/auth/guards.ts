import type { FastifyReply, FastifyRequest } from 'fastify';
import { notAllowed, unauthenticated } from '../errors/domain-error.js';
import type { Role } from './roles.js';
import type { Principal, TokenVerifier } from './token-verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Guards {
  /** Any signed-in user. */
  authenticated: Guard;
  /** A signed-in user with one of the roles; others get 403. */
  requireRole: (...roles: Role[]) => Guard;
}

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthenticated('Missing Authorization header with a bearer token.', 'TOKEN_MISSING');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <accessToken>".', 'TOKEN_MISSING');
  return match[1]!;
}

/** Route guards that verify the bearer token and put the principal on the request. */
export function createGuards(verify: TokenVerifier): Guards {
  const authenticated: Guard = async (request) => {
    request.principal = await verify(bearerToken(request));
  };
  const requireRole = (...roles: Role[]): Guard => async (request, reply) => {
    await authenticated(request, reply);
    if (!roles.includes(request.principal!.role)) {
      throw notAllowed(`This action needs the role ${roles.join(' or ')}.`, 'WRONG_ROLE');
    }
  };
  return { authenticated, requireRole };
}

/** The principal of a guarded route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated('Not signed in.', 'TOKEN_MISSING');
  return request.principal;
}
