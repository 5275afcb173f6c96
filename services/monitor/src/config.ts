import { Type, type Static } from 'typebox';
import { BaseConfigProperties, HttpUrl, loadConfigOrExit } from '@clove/kit';

export const MonitorConfigSchema = Type.Object({
  ...BaseConfigProperties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4108 }),
  DATABASE_URL: Type.String({ minLength: 1, description: 'PostgreSQL URL of the monitor database' }),
  DB_SCHEMA: Type.String({ default: 'monitor', pattern: '^[a-z_][a-z0-9_]*$' }),
  AUTH_JWKS_URL: HttpUrl('JWKS of the auth service'),
  DEPLOYER_URL: HttpUrl('The deployer: deployments, the runtime\'s nodes and containers, scaling'),
  DEPLOYER_SERVICE_TOKEN: Type.String({ pattern: '^[^,\\s]{16,}$', description: 'Bearer secret this service presents to the deployer' }),
  PERFORMANCES_URL: HttpUrl('Base URL under which performances answer at /e/<slug>/ (the gateway)'),
  SERVICE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5_000 }),
  SAMPLE_INTERVAL_MS: Type.Integer({ minimum: 200, maximum: 300_000, default: 5_000, description: 'How often managed processes are sampled' }),
  RAW_RETENTION_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 31, default: 26, description: 'How long samples are kept as taken' }),
  ROLLUP_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'How long one-minute averages are kept' }),
  MAX_WINDOW_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'Longest window a query may ask for' }),
  RUNTIME: Type.Union([Type.Literal('local'), Type.Literal('kubernetes')], { default: 'local', description: 'Which series Prometheus has: process metrics (local) or cAdvisor (kubernetes)' }),
  PROMETHEUS_URL: Type.Optional(HttpUrl('When set, server series come from this Prometheus')),
  PROMETHEUS_SD_FILE: Type.Optional(Type.String({ minLength: 1, description: 'File-based service discovery written for a local Prometheus to scrape every managed process' })),
  PROMETHEUS_SCRAPE_INTERVAL_SECONDS: Type.Integer({ minimum: 1, maximum: 300, default: 15 }),
});
export type MonitorConfig = Static<typeof MonitorConfigSchema>;

export function loadMonitorConfig(env: Record<string, string | undefined> = process.env): MonitorConfig {
  return loadConfigOrExit(MonitorConfigSchema, env);
}
