import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

/** Keys: at least 16 characters each, no spaces or commas, separated by commas. */
const API_KEYS_PATTERN = '^\\s*[^,\\s]{16,}\\s*(,\\s*[^,\\s]{16,}\\s*)*$';

export const PaymentsConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4103 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the payments database' }),
  DB_SCHEMA: Type.String({ default: 'payments', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/payments' }),
  PAYMENTS_API_KEYS: Type.String({
    pattern: API_KEYS_PATTERN,
    description: 'Comma-separated API keys (each at least 16 characters) that callers present as bearer tokens',
  }),
  PAYMENTS_LATENCY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 0, description: 'Injected delay per /payments request' }),
  PAYMENTS_FAILURE_RATE: Type.Number({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'Share of /payments requests answered 503 before doing anything',
  }),
});
export type PaymentsConfig = Static<typeof PaymentsConfigSchema>;

export function loadPaymentsConfig(env: Record<string, string | undefined> = process.env): PaymentsConfig {
  return loadConfigOrExit(PaymentsConfigSchema, env);
}
