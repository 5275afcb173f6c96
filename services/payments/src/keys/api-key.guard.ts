import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '@clove/kit';
import type { ApiKey, ApiKeys } from './api-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKey | null;
  }
}

export type ApiKeyGuard = (request: FastifyRequest) => Promise<void>;

/** An onRequest hook that admits only callers presenting a configured API key. */
export function apiKeyGuard(keys: ApiKeys): ApiKeyGuard {
  return async (request) => {
    const key = keys.identify(request.headers.authorization);
    if (!key) {
      const reason = request.headers.authorization ? 'API_KEY_INVALID' : 'API_KEY_MISSING';
      throw unauthenticated('Send a valid API key as "Authorization: Bearer <api key>".', reason);
    }
    request.apiKey = key;
  };
}

/** The API key of a guarded route. */
export function apiKeyOf(request: FastifyRequest): ApiKey {
  if (!request.apiKey) throw unauthenticated('No API key.', 'API_KEY_MISSING');
  return request.apiKey;
}
