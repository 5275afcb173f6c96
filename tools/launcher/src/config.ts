import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfigOrExit } from '@clove/kit';

/** The repository root, where the built services live. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const LauncherConfigSchema = Type.Object({
  CLOVE_STATE_DIR: Type.String({ default: resolve(REPO_ROOT, '.clove'), description: 'Data, logs and secrets' }),
  DATABASE_URL: Type.Optional(Type.String({
    minLength: 1,
    description: 'External PostgreSQL (a role that may create roles and schemas); embedded PostgreSQL when unset',
  })),
  CLOVE_PG_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 54320, description: 'Port of the embedded PostgreSQL' }),
  CLOVE_GATEWAY_HOST: Type.String({ default: '127.0.0.1', description: 'Interface of the front door' }),
  CLOVE_GATEWAY_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  CLOVE_PORT_BASE: Type.Integer({ minimum: 1024, maximum: 65000, default: 4100, description: 'First internal service port' }),
  LOG_LEVEL: BaseConfigProperties.LOG_LEVEL,
  CLOVE_LOG_CONSOLE: Type.Boolean({ default: false, description: 'Copy every service log line to the console' }),
  CLOVE_READY_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
});
export type LauncherConfig = Static<typeof LauncherConfigSchema>;

export function loadLauncherConfig(env: Record<string, string | undefined> = process.env): LauncherConfig {
  return loadConfigOrExit(LauncherConfigSchema, env);
}
