import { timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import { conflict, notFound, unauthenticated, withProblems, type App } from '@clove/kit';
import type { RouteStore } from '../routes/route-store.js';
import { RouteSchema } from '../routes/route.schema.js';
import type { RouteTable } from '../routes/route-table.js';

const ListedRoute = Type.Object({
  prefix: Type.String(),
  upstreams: Type.Array(Type.String()),
  stripPrefix: Type.Boolean(),
  replacePrefix: Type.Optional(Type.String()),
  maxBodyBytes: Type.Optional(Type.Integer()),
  owner: Type.Optional(Type.String()),
  static: Type.Boolean(),
});

const OPEN_PATHS = new Set(['/healthz', '/readyz']);

/**
 * The route-table API, on a loopback-only listener, for the platform (the deployer) to add
 * and remove per-performance routes without restarting the gateway.
 */
export function registerAdminRoutes(app: App, deps: { table: RouteTable; store: RouteStore; token: string; reload: () => Promise<void> }): void {
  const expected = Buffer.from(`Bearer ${deps.token}`);
  // Everything but the probes needs the token. Decided on the matched route, not the raw URL,
  // which may spell the same path otherwise (/%72outes is /routes to the router).
  app.addHook('onRequest', async (request) => {
    if (OPEN_PATHS.has(request.routeOptions.url ?? '')) return;
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthenticated('The route-table API needs the gateway admin token.', 'TOKEN_MISSING');
    }
  });

  app.get('/routes', {
    schema: { summary: 'All routes, static and run-time', response: withProblems({ 200: Type.Array(ListedRoute) }) },
  }, async () => deps.table.list());

  app.put('/routes', {
    schema: { summary: 'Add or replace a run-time route', body: RouteSchema, response: withProblems({ 200: ListedRoute }) },
  }, async (request) => {
    if (deps.table.isPlatformPath(request.body.prefix)) {
      throw conflict(`${request.body.prefix} is a platform path: no run-time route may take it.`, 'STATIC_ROUTE');
    }
    await deps.store.upsert(request.body);
    await deps.reload();
    return { ...request.body, static: false };
  });

  app.delete('/routes', {
    schema: {
      summary: 'Remove a run-time route by prefix, or every route of an owner (and of its parts: owner/…)',
      querystring: Type.Object({
        prefix: Type.Optional(RouteSchema.properties.prefix),
        owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      }, { additionalProperties: false, minProperties: 1, maxProperties: 1 }),
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    const { prefix, owner } = request.query;
    if (owner !== undefined) {
      await deps.store.removeOwnedBy(owner);
    } else if (prefix !== undefined) {
      if (deps.table.isPlatformPath(prefix)) throw conflict(`${prefix} is a platform path and cannot be removed.`, 'STATIC_ROUTE');
      if (!(await deps.store.remove(prefix))) throw notFound(`No run-time route ${prefix}.`, 'ROUTE_NOT_FOUND');
    }
    await deps.reload();
    return reply.status(204).send(null);
  });
}
