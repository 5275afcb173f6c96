import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export interface DocsOptions {
  title: string;
  description: string;
  version: string;
  /** Path prefix under which the gateway serves this service (e.g. `/auth`). */
  publicPrefix: string;
  /**
   * For a service the gateway serves under several prefixes: each route's public path (e.g.
   * `/alerts` → `/system/alerts`), given in the docs in full, instead of `publicPrefix`.
   */
  publicPath?: (url: string) => string;
}

/** OpenAPI generated from the route schemas, at /docs (UI) and /docs/openapi.json. */
export async function installDocs(app: FastifyInstance, options: DocsOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, description: options.description, version: options.version },
      servers: [{ url: (!options.publicPath && options.publicPrefix) || '/' }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    // The prefix is not part of the routes' paths: never cut it off one (`/templates` under `/template`).
    stripBasePath: false,
    ...(options.publicPath ? { transform: ({ schema, url }) => ({ schema, url: options.publicPath!(url) }) } : {}),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
