import { Type, type Static } from 'typebox';

export const RouteSchema = Type.Object(
  {
    prefix: Type.String({
      pattern: '^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$',
      maxLength: 200,
      description: 'Path prefix, matched on whole segments, e.g. /e/spring-gala',
    }),
    upstreams: Type.Array(Type.String({ format: 'uri', pattern: '^https?://' }), { minItems: 1, maxItems: 64 }),
    stripPrefix: Type.Boolean({ default: true, description: 'Remove the prefix before forwarding' }),
    replacePrefix: Type.Optional(Type.String({
      pattern: '^/[A-Za-z0-9._~/-]*$',
      maxLength: 200,
      description: 'With stripPrefix: the path that takes the prefix\'s place upstream (Gateway API ReplacePrefixMatch), default /',
    })),
    maxBodyBytes: Type.Optional(Type.Integer({
      minimum: 0,
      maximum: 256 * 1024 * 1024,
      description: 'Largest request body forwarded; larger ones get 413 at the gateway (default 1 MiB)',
    })),
    owner: Type.Optional(Type.String({ maxLength: 200, description: 'Who added the route, e.g. a deployment id' })),
  },
  { additionalProperties: false },
);
export type Route = Static<typeof RouteSchema>;
