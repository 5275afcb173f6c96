import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { principalOf, withProblems, type App, type Guards } from '@clove/kit';
import type { AccountService } from '../account/account.service.js';
import type { IntrospectionClients, IntrospectionService } from '../introspection/introspection.service.js';
import type { SigningKeys } from '../keys/signing-keys.js';
import type { RevocationNotices } from '../sessions/revocation-notices.js';
import type { SessionService } from '../sessions/session.service.js';
import {
  DeleteMeBody,
  IntrospectBody,
  IntrospectionSchema,
  JwksSchema,
  LoginBody,
  RefreshBody,
  RevokedSessionsQuery,
  RevokedSessionsSchema,
  SignUpBody,
  TokenPairSchema,
  UserSchema,
  UsersLookupBody,
  UsersLookupSchema,
} from './auth.schemas.js';

export interface AuthRouteDeps {
  accounts: AccountService;
  sessions: SessionService;
  introspection: IntrospectionService;
  introspectionClients: IntrospectionClients;
  keys: SigningKeys;
  guards: Guards;
  /** How far back GET /revoked-sessions looks: longer than an access token lives. */
  revocationWindowSeconds: number;
  /** Wakes the reads of GET /revoked-sessions waiting for a session to end. */
  notices: RevocationNotices;
}

const bearer = [{ bearer: [] }];

/** The public API of SPEC.md §3 for /auth, relative to the gateway prefix. */
export function registerAuthRoutes(app: App, deps: AuthRouteDeps): void {
  const { accounts, sessions, introspection, introspectionClients, keys, guards, revocationWindowSeconds, notices } = deps;

  app.post('/signup', {
    schema: {
      summary: 'Sign up as a seller or buyer (R1)',
      body: SignUpBody,
      response: withProblems({ 201: Type.Object({ user: UserSchema }) }),
    },
  }, async (request, reply) => {
    const user = await accounts.signUp(request.body);
    return reply.status(201).send({ user });
  });

  app.post('/login', {
    schema: { summary: 'Log in (R2)', body: LoginBody, response: withProblems({ 200: TokenPairSchema }) },
  }, async (request) => sessions.login(request.body.email, request.body.password, request.ip));

  app.post('/refresh', {
    schema: {
      summary: 'Rotate the token pair (R5); a reused refresh token revokes its session',
      body: RefreshBody,
      response: withProblems({ 200: TokenPairSchema }),
    },
  }, async (request) => sessions.refresh(request.body.refreshToken));

  app.post('/logout', {
    onRequest: guards.authenticated,
    schema: { summary: 'Log out (R3)', security: bearer, body: RefreshBody, response: withProblems({ 204: Type.Null() }) },
  }, async (request, reply) => {
    await sessions.logout(principalOf(request), request.body.refreshToken);
    return reply.status(204).send(null);
  });

  app.get('/me', {
    onRequest: guards.authenticated,
    schema: { summary: 'The signed-in user', security: bearer, response: withProblems({ 200: UserSchema }) },
  }, async (request) => accounts.me(principalOf(request)));

  app.delete('/me', {
    onRequest: guards.authenticated,
    schema: {
      summary: 'Delete the account and its personal data (R4)',
      security: bearer,
      body: DeleteMeBody,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await accounts.delete(principalOf(request), request.body.password);
    return reply.status(204).send(null);
  });

  app.get('/jwks', {
    schema: { summary: 'Public keys that verify access tokens (R5)', response: { 200: JwksSchema } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return keys.jwks();
  });

  // Public like the keys: a session id says nothing about who held it, and cannot be used.
  app.get('/revoked-sessions', {
    schema: {
      summary: 'Sessions ended lately (R4): every service refuses their access tokens at once',
      description:
        'It lists the sessions revoked within a window longer than an access token lives, so a token of any session not listed was not revoked. ' +
        'Services keep a read waiting (`after` = the revision they hold, `waitSeconds`), which is answered as soon as a session ends.',
      querystring: RevokedSessionsQuery,
      response: { 200: RevokedSessionsSchema },
    },
  }, async (request) => {
    const { after, waitSeconds = 0 } = request.query;
    // Taken before the read, so a session ended between the read and the wait still wakes it.
    const wait = after !== undefined && waitSeconds > 0 ? notices.next(waitSeconds * 1000) : null;
    try {
      let list = await sessions.revokedWithin(revocationWindowSeconds);
      if (wait && list.revision === after) {
        await wait.changed;
        list = await sessions.revokedWithin(revocationWindowSeconds);
      }
      return { ...list, windowSeconds: revocationWindowSeconds };
    } finally {
      wait?.cancel();
    }
  });

  // Internal calls of other services (HTTP Basic service credentials), or an admin.
  const serviceOrAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (introspectionClients.accepts(request.headers.authorization)) return;
    await guards.requireRole('admin')(request, reply);
  };

  app.post('/introspect', {
    onRequest: serviceOrAdmin,
    schema: {
      summary: 'RFC 7662 token introspection (R6), for service clients (HTTP Basic) and admins',
      body: IntrospectBody,
      response: withProblems({ 200: IntrospectionSchema }),
    },
  }, async (request) => introspection.introspect(request.body.token));

  app.post('/users/lookup', {
    onRequest: serviceOrAdmin,
    schema: {
      summary: 'Contact details of users by id or email, for services (e.g. a seller\'s list of bookers); deleted users come back without personal data (R4)',
      body: UsersLookupBody,
      response: withProblems({ 200: UsersLookupSchema }),
    },
  }, async (request) => ({ users: await accounts.lookup(request.body) }));
}
