import type { LoggerOptions } from 'pino';

/**
 * Paths that must never reach a log line: credentials, tokens and card data, wherever a
 * handler or library might put them. Request bodies are never logged by default; this is the
 * second line of defence.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'card',
  'cardNumber',
  'number',
  'cvc',
  'secret',
  'privateKey',
  'email',
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req(request: { method?: string; url?: string }) {
        // Query strings may carry tokens (e.g. SSE); log the path only, never headers or bodies.
        return { method: request.method, path: request.url?.split('?')[0] };
      },
    },
  };
}
