import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$';

export const TicketingConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4200 }),
  SLUG: Type.String({ pattern: SLUG_PATTERN, description: 'The performance this instance serves' }),
  OWNER_ID: Type.String({ format: 'uuid', description: 'User id of the seller who owns the performance' }),
  DEPLOYMENT_ID: Type.Optional(Type.String({ format: 'uuid', description: 'The deployment this instance belongs to (set by the deployer)' })),
  DEPLOYER_URL: Type.Optional(Type.String({ format: 'uri', description: 'The deployer, asked which sellers are members of the deployment (R12)' })),
  DEPLOYMENT_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'The deployment\'s credential, for the deployer' })),
  DATABASE_URL: Type.String({ minLength: 1, description: "The performance's own database" }),
  DB_SCHEMA: Type.String({ default: 'ticketing', pattern: '^[a-z_][a-z0-9_]*$' }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  PUBLIC_PREFIX: Type.Optional(Type.String({ description: 'Gateway prefix; /e/<SLUG> by default' })),
  HOLD_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 420 }),
  MAX_SEATS_PER_BUYER: Type.Integer({ minimum: 1, maximum: 50, default: 4 }),
  SALE_OPENS_AT: Type.Optional(Type.String({ format: 'date-time', description: 'Default sale opening time' })),
  CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'KRW' }),
  AUTH_JWKS_URL: Type.String({ format: 'uri' }),
  AUTH_URL: Type.Optional(Type.String({ format: 'uri', description: "The auth service, to show bookers' emails and names" })),
  AUTH_CLIENT: Type.Optional(Type.String({ pattern: '^[^:]+:.+$', description: 'Service credentials for auth, id:secret' })),
  PAYMENTS_URL: Type.String({ format: 'uri' }),
  PAYMENTS_API_KEY: Type.String({ minLength: 16 }),
  PAYMENTS_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  CATALOG_URL: Type.Optional(Type.String({ format: 'uri' })),
  CATALOG_INGEST_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  TICKET_CODE_SECRET: Type.String({ minLength: 32, description: 'HMAC key that signs ticket codes' }),
  SWEEP_INTERVAL_MS: Type.Integer({ minimum: 50, default: 1000, description: 'How often expired holds are released' }),
  OUTBOX_INTERVAL_MS: Type.Integer({ minimum: 20, default: 500 }),
  SEAT_COUNT_INTERVAL_MS: Type.Integer({
    minimum: 100,
    default: 5_000,
    description: 'How often the seats left are counted for the catalog when no order or refund carried them (holds expire unseen)',
  }),
  RECONCILE_AFTER_SECONDS: Type.Integer({
    minimum: 1,
    default: 60,
    description: 'Age after which an unfinished payment or refund is settled in the background',
  }),
});
export type TicketingConfig = Static<typeof TicketingConfigSchema>;

export function loadTicketingConfig(env: Record<string, string | undefined> = process.env): TicketingConfig {
  return loadConfigOrExit(TicketingConfigSchema, env);
}
