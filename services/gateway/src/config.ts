import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

export const GatewayConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  TRUST_PROXY: Type.String({ default: 'false', description: 'The gateway is the front door: trust no proxy by default' }),
  ADMIN_HOST: Type.String({ default: '127.0.0.1' }),
  ADMIN_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4100, description: 'Route-table API, loopback only' }),
  ADMIN_TOKEN: Type.String({ minLength: 16, description: 'Bearer secret for the route-table API' }),
  GATEWAY_ROUTES: Type.String({
    default: '[]',
    description: 'Static routes, JSON: [{"prefix":"/auth","upstreams":["http://127.0.0.1:4101"]}]',
  }),
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1, description: 'Persists run-time routes when set' })),
  DB_SCHEMA: Type.String({ default: 'gateway', pattern: '^[a-z_][a-z0-9_]*$' }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000, description: 'Time to wait for upstream response headers' }),
  CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 2_000 }),
  WEB_ROOT: Type.Optional(Type.String({ minLength: 1, description: 'Folder of the web packages (<name>/dist), served at /web/<name>/ and, for pages, the shell' })),
});
export type GatewayConfig = Static<typeof GatewayConfigSchema>;

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return loadConfigOrExit(GatewayConfigSchema, env);
}
