import { Type } from 'typebox';

/** Variables every service reads. */
export const BaseConfigProperties = {
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, description: 'Port to listen on' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  TRUST_PROXY: Type.String({
    default: 'loopback',
    description: 'Proxies trusted for X-Forwarded-For (Fastify trustProxy: true, false, or addresses)',
  }),
};

export function parseTrustProxy(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** An http(s) URL setting, e.g. another service's base URL. */
export const HttpUrl = (description: string) => Type.String({ format: 'uri', pattern: '^https?://', description });
