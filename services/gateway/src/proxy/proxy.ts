import replyFrom from '@fastify/reply-from';
import { ErrorCode, problemOf, sendProblem, type App } from '@clove/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteTable } from '../routes/route-table.js';

export interface ProxyOptions {
  table: RouteTable;
  upstreamTimeoutMs: number;
  connectTimeoutMs: number;
}

const passThrough = (_request: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: null, body: unknown) => void) =>
  done(null, payload);

/**
 * Forwards every request that matches a route, streaming bodies both ways. An upstream that is
 * down or answers too slowly becomes a 502 or 504 problem document.
 */
export async function registerProxy(app: App, options: ProxyOptions): Promise<void> {
  await app.register(replyFrom, {
    undici: {
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: options.upstreamTimeoutMs,
      bodyTimeout: 0, // streams such as server-sent events stay open
      connectTimeout: options.connectTimeoutMs,
    },
    disableRequestLogging: true,
  });

  await app.register(async (proxy) => {
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', passThrough);

    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const [pathname] = request.url.split('?', 1) as [string];
      const match = options.table.match(pathname);
      if (!match) {
        return sendProblem(
          reply,
          problemOf(ErrorCode.NOT_FOUND, `Nothing is served at ${pathname}.`, 'ROUTE_NOT_FOUND', { requestId: request.id }),
        );
      }
      return reply.from(match.upstream + match.path, {
        rewriteRequestHeaders: (req, headers) => ({
          ...headers,
          'x-request-id': req.id,
          'x-forwarded-for': req.ip,
          'x-forwarded-proto': req.protocol,
          'x-forwarded-host': req.headers.host ?? '',
          'x-forwarded-prefix': match.route.stripPrefix ? match.route.prefix : '',
        }),
        onError: (errorReply, { error }) => {
          const timedOut = (error as { statusCode?: number }).statusCode === 504;
          const problem = timedOut
            ? problemOf(ErrorCode.GATEWAY_TIMEOUT, `The ${match.route.prefix} service did not answer in time.`, 'UPSTREAM_TIMEOUT')
            : problemOf(ErrorCode.BAD_GATEWAY, `The ${match.route.prefix} service is unavailable; try again shortly.`, 'UPSTREAM_UNAVAILABLE');
          request.log.warn({ prefix: match.route.prefix, code: problem.code }, 'upstream failed');
          void sendProblem(errorReply as FastifyReply, { ...problem, requestId: request.id });
        },
      });
    };
    proxy.all('/', forward);
    proxy.all('/*', forward);
  });
}
