import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

export const TemplatesConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4106 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the templates database' }),
  DB_SCHEMA: Type.String({ default: 'templates', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/template' }),
  AUTH_JWKS_URL: Type.String({ format: 'uri', pattern: '^https?://', description: 'JWKS of the auth service' }),
  POOL_URL: Type.String({ format: 'uri', pattern: '^https?://', description: 'Base URL of the pool service' }),
  POOL_SERVICE_TOKEN: Type.String({
    pattern: '^[^,\\s]{16,}$',
    description: 'Bearer secret (16+ characters) this service presents to the pool\'s service routes',
  }),
  TEMPLATES_BUILTIN: Type.Boolean({ default: true, description: 'Create the built-in templates (standard, flash-sale) and their pool image at start-up when missing' }),
  POOL_TIMEOUT_MS: Type.Integer({ minimum: 1, maximum: 60_000, default: 5_000, description: 'Time limit of one call to the pool' }),
});
export type TemplatesConfig = Static<typeof TemplatesConfigSchema>;

export function loadTemplatesConfig(env: Record<string, string | undefined> = process.env): TemplatesConfig {
  return loadConfigOrExit(TemplatesConfigSchema, env);
}
