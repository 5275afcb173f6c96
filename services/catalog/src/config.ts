import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

export const CatalogConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4104 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the catalog database' }),
  DB_SCHEMA: Type.String({ default: 'catalog', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/catalog' }),
  AUTH_JWKS_URL: Type.String({ format: 'uri', pattern: '^https?://', description: 'JWKS of the auth service' }),
  CATALOG_INGEST_TOKENS: Type.String({
    pattern: '^\\s*[^,\\s]{16,}\\s*(,\\s*[^,\\s]{16,}\\s*)*$',
    description: 'Comma-separated bearer secrets (16+ characters each) that event publishers present to POST /events',
  }),
});
export type CatalogConfig = Static<typeof CatalogConfigSchema>;

export function loadCatalogConfig(env: Record<string, string | undefined> = process.env): CatalogConfig {
  return loadConfigOrExit(CatalogConfigSchema, env);
}
