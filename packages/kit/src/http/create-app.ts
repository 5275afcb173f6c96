import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import '../auth/guards.js';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { lazyChildLoggerFactory } from '../log/lazy-child-logger.js';
import { loggerOptions } from '../log/logger-options.js';
import { installDocs } from './docs.js';
import { installDrain } from './drain.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './framework-errors.js';
import { installErrorHandling } from './error-handler.js';
import { installMetrics } from './metrics.js';
import { NoQuery } from './no-query.js';
import { createValidatorCompiler } from './validator.js';

export interface CreateAppOptions {
  /** Service name, used in logs, metrics and docs. */
  name: string;
  description?: string;
  version?: string;
  logLevel?: string;
  /** Path prefix under which the gateway serves this service. */
  publicPrefix?: string;
  /** A route's public path, for a service served under several prefixes (see DocsOptions). */
  publicPath?: (url: string) => string;
  /** Largest accepted request body, bytes. */
  bodyLimit?: number;
  /** Which proxies to trust for X-Forwarded-For (see Fastify's trustProxy). */
  trustProxy?: boolean | string | string[];
  /**
   * Readiness check; /readyz answers 503 while it returns false (or a report not ready) or
   * throws. A report's detail is told in the answer, ready or not.
   */
  ready?: () => Promise<boolean | Readiness>;
  /** Serve OpenAPI at /docs (default true). */
  docs?: boolean;
  /** Disable logging entirely (tests). */
  silent?: boolean;
  /**
   * Answers a request whose path is not a valid URL (a broken percent-escape) another way than
   * with 400 BAD_URL: the gateway gives a browser the web client, which shows its own not-found
   * page. Returns whether it answered.
   */
  onBadUrl?: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

/** What a readiness check may tell besides ready or not, e.g. what it is still waiting for. */
export interface Readiness {
  ready: boolean;
  /** Fields added to /readyz's answer. */
  detail?: Record<string, unknown>;
}

/** Probes and scrapes would drown the request log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const KEEP_ALIVE_MS = 65_000;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A Fastify instance with Clove's conventions: request ids, redacted structured logs,
 * schema validation, problem documents, /healthz, /readyz, /metrics and OpenAPI docs.
 * Register routes on it, then listen or inject.
 */
function baseApp(options: CreateAppOptions) {
  return Fastify({
    logger: options.silent ? false : loggerOptions(options.name, options.logLevel ?? 'info'),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Idle connections are kept longer than clients keep them (the gateway's pool: 30 s), so a
    // client never sends a request on a connection the server is closing at that moment: a POST
    // lost that way cannot be sent again.
    keepAliveTimeout: KEEP_ALIVE_MS,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request) => QUIET_PATHS.has(request.url),
    }),
    genReqId(request) {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    childLoggerFactory: lazyChildLoggerFactory,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error, request, reply) => {
      try {
        if (error.code === 'FST_ERR_BAD_URL' && options.onBadUrl?.(request, reply)) return;
      } catch (failure) {
        request.log.error({ err: failure }, 'answering a path that is not a valid URL failed');
      }
      frameworkErrors(error, request, reply);
    },
    clientErrorHandler,
    // Our drain answers with a problem document instead (installDrain).
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
}

export type App = ReturnType<typeof baseApp>;

export async function createApp(options: CreateAppOptions): Promise<App> {
  const app = baseApp(options);

  app.setValidatorCompiler(createValidatorCompiler());
  // A documented route that declares no query string takes none: a parameter sent anyway (a
  // misspelt ?force=true) is a 400 naming it, not silently ignored.
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.hide && route.schema.querystring === undefined) route.schema = { ...route.schema, querystring: NoQuery };
  });
  app.decorateRequest('principal', null);
  // JSON in and out: a text body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Request bodies are taken uncompressed: send them without Content-Encoding.', { reason: 'UNSUPPORTED_CONTENT_ENCODING' });
    }
  });
  installErrorHandling(app);
  installDrain(app);
  if (options.docs !== false) await installDocs(app, {
    title: `Clove ${options.name}`,
    description: options.description ?? `The ${options.name} service of Clove.`,
    version: options.version ?? '0.1.0',
    publicPrefix: options.publicPrefix ?? '',
    publicPath: options.publicPath,
  });
  installMetrics(app, options.name);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    let readiness: Readiness = { ready: false };
    try {
      const checked = options.ready ? await options.ready() : true;
      readiness = typeof checked === 'boolean' ? { ready: checked } : checked;
    } catch {
      readiness = { ready: false };
    }
    reply.status(readiness.ready ? 200 : 503);
    return { ...readiness.detail, status: readiness.ready ? 'ready' : 'not ready' };
  });
  return app;
}
