import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

export const AuthConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4101 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the auth database' }),
  DB_SCHEMA: Type.String({ default: 'auth', pattern: '^[a-z_][a-z0-9_]*$' }),
  PUBLIC_PREFIX: Type.String({ default: '/auth' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 10, maximum: 3600, default: 300 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 90 * 86400, default: 14 * 86400 }),
  LOGIN_MAX_PER_EMAIL: Type.Integer({ minimum: 1, default: 10, description: 'log-in attempts per email per window' }),
  LOGIN_MAX_PER_IP: Type.Integer({ minimum: 1, default: 300, description: 'log-in attempts per client IP per window' }),
  LOGIN_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  INTROSPECTION_CLIENTS: Type.String({
    default: '',
    description: 'Comma-separated id:secret pairs allowed to call /introspect with HTTP Basic',
  }),
  CLOVE_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  CLOVE_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
});
export type AuthConfig = Static<typeof AuthConfigSchema>;

export function loadAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  return loadConfigOrExit(AuthConfigSchema, env);
}
