import { join } from 'node:path';
import { REPO_ROOT } from './config.js';

/** A platform service the launcher runs: where its code is and where the gateway mounts it. */
export interface PlatformService {
  name: string;
  /** Gateway prefix (stripped before forwarding). */
  prefix: string;
  /** Its schema in the platform database. */
  schema: string;
  entry: string;
  /** Offset from CLOVE_PORT_BASE. */
  portOffset: number;
}

/** Started in this order, stopped in reverse. Offset 0 is the gateway's route-table API. */
export const PLATFORM_SERVICES: PlatformService[] = [
  { name: 'auth', prefix: '/auth', schema: 'auth', entry: join(REPO_ROOT, 'services/auth/dist/server.js'), portOffset: 1 },
];

export const GATEWAY_ENTRY = join(REPO_ROOT, 'services/gateway/dist/server.js');

/**
 * Variables for one service: `<NAME>_<VAR>` in the launcher's environment becomes `<VAR>` in
 * the service's (e.g. AUTH_ACCESS_TOKEN_TTL_SECONDS). Nothing else of the launcher's
 * environment leaks into services.
 */
export function passThroughEnv(serviceName: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const prefix = `${serviceName.toUpperCase()}_`;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && value !== undefined) out[key.slice(prefix.length)] = value;
  }
  return out;
}

/** The little of the launcher's own environment every child needs. */
export function baseEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = { NODE_ENV: env.NODE_ENV ?? 'production' };
  for (const key of ['PATH', 'HOME', 'TZ', 'LANG']) if (env[key]) out[key] = env[key]!;
  return out;
}
