import replyFrom from '@fastify/reply-from';
import { ErrorCode, problemOf, sendProblem, type App } from '@clove/kit';
import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebFiles } from '../web/web-files.js';
import type { RouteTable } from '../routes/route-table.js';

export interface ProxyOptions {
  table: RouteTable;
  upstreamTimeoutMs: number;
  connectTimeoutMs: number;
  /** The web client's files, served where no route matches. */
  web?: WebFiles;
}

const passThrough = (_request: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: null, body: unknown) => void) =>
  done(null, payload);

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

/** Counts a streamed body and fails it once it passes the limit (chunked uploads have no length). */
function limitBody(body: unknown, max: number): { body: unknown; tripped: () => boolean } {
  if (!(body instanceof Readable)) return { body, tripped: () => false };
  let seen = 0;
  let over = false;
  const counted = body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > max) {
          over = true;
          callback(new BodyTooLarge());
        } else callback(null, chunk);
      },
    }),
  );
  return { body: counted, tripped: () => over };
}

/** Bodies up to this size, with a Content-Length, are read before forwarding so a refused connection can be retried. */
export const RETRYABLE_BODY_BYTES = 64 * 1024;

function isSmallKnownLength(headers: FastifyRequest['headers']): boolean {
  const length = Number(headers['content-length']);
  return headers['transfer-encoding'] === undefined && Number.isInteger(length) && length <= RETRYABLE_BODY_BYTES;
}

/** How much of an oversized body is read and thrown away so the client can read the 413. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Calls `then` once the client has finished sending (its body read and discarded), so a client
 * still uploading sees the answer instead of a broken pipe. Past the drain limit it gives up
 * waiting and answers at once.
 */
function afterDraining(raw: NodeJS.ReadableStream & { complete?: boolean }, then: () => void): void {
  if (raw.complete) return then();
  let seen = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    raw.removeListener('data', count);
    then();
  };
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) finish();
  };
  raw.on('data', count);
  raw.once('end', finish);
  raw.once('close', finish);
  raw.once('error', finish);
  raw.resume();
}

function tooLarge(request: FastifyRequest, max: number) {
  return problemOf(ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${max} bytes.`, 'BODY_TOO_LARGE', {
    requestId: request.id,
  });
}

const causeCode = (error: unknown) => (error as { cause?: { code?: unknown } }).cause?.code;

/** The upstream refused the connection: it is down, and nothing of the request reached it. */
function refusedConnection(error: unknown): boolean {
  return causeCode(error) === 'ECONNREFUSED';
}

/**
 * The connection broke before an answer came: the upstream died with the request, or closed a
 * kept-alive connection as the request was sent on it. The request may have reached it, so only
 * a safe method may be sent again.
 */
function lostConnection(error: unknown): boolean {
  const code = causeCode(error);
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Forwards every request that matches a route, streaming bodies both ways. An upstream that is
 * down or answers too slowly becomes a 502 or 504 problem document. An upstream that refuses a
 * connection is passed over for a while, and the request goes to another of the route's
 * upstreams instead (unless its body is large or chunked, and was streamed to the first); so
 * does a GET whose connection broke before its answer.
 */
export async function registerProxy(app: App, options: ProxyOptions): Promise<void> {
  await app.register(replyFrom, {
    undici: {
      connections: 128,
      pipelining: 1,
      // Idle connections are closed after 30 s whatever the services' keep-alive hint (65 s):
      // the gateway closes first, and never sends a request on a connection a service is closing.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 30_000,
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
        if (options.web?.serve(request, reply, pathname)) return reply;
        return sendProblem(
          reply,
          problemOf(ErrorCode.NOT_FOUND, `Nothing is served at ${pathname}.`, 'ROUTE_NOT_FOUND', { requestId: request.id }),
        );
      }
      const max = match.route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (Number(request.headers['content-length'] ?? 0) > max) {
        reply.header('connection', 'close');
        afterDraining(request.raw, () => void sendProblem(reply, tooLarge(request, max)));
        return reply;
      }
      // Fastify parses nothing when a body comes without Content-Type; forward the raw stream.
      const hasBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
      const stream = request.body ?? (hasBody ? request.raw : undefined);
      // A small body of known length is read first, so it can go to another upstream if the
      // first refuses the connection; a large or chunked one is streamed, and cannot.
      const retryable = !hasBody || isSmallKnownLength(request.headers);
      let limited: ReturnType<typeof limitBody> = { body: undefined, tripped: () => false };
      let buffered: Buffer | null = null;
      if (retryable && hasBody) {
        try {
          buffered = await buffer(stream as Readable);
        } catch {
          // The client went away while sending it (or sent less than it announced).
          return sendProblem(reply, problemOf(ErrorCode.INVALID, 'The request body ended before its Content-Length.', 'BODY_INCOMPLETE', { requestId: request.id }));
        }
      } else {
        limited = limitBody(stream, max);
        request.body = limited.body;
      }
      const tried = new Set<string>();
      const forwardTo = (upstream: string): FastifyReply => {
        tried.add(upstream);
        // Each attempt streams the read body anew, as it came (reply-from would re-encode a Buffer).
        if (buffered) request.body = Readable.from([buffered], { objectMode: false });
        return reply.from(upstream + match.path, {
          rewriteRequestHeaders: (req, headers) => ({
            ...headers,
            'x-request-id': req.id,
            'x-forwarded-for': req.ip,
            'x-forwarded-proto': req.protocol,
            'x-forwarded-host': req.headers.host ?? '',
            'x-forwarded-prefix': match.route.stripPrefix ? match.route.prefix : '',
          }),
          rewriteHeaders: (headers) => {
            options.table.ejections.answered(upstream);
            return headers;
          },
          onError: (errorReply, { error }) => {
            const refused = refusedConnection(error);
            if (refused) options.table.ejections.refused(upstream);
            // Nothing reached the upstream, or the request is safe to repeat: another may take it.
            if (retryable && (refused || (lostConnection(error) && SAFE_METHODS.has(request.method)))) {
              const next = options.table.another(match, tried);
              if (next) return void forwardTo(next);
            }
            // Whatever of the request body is left unread would poison a kept-alive connection.
            if (!request.raw.complete) errorReply.header('connection', 'close');
            if (limited.tripped()) {
              return afterDraining(request.raw, () => void sendProblem(errorReply as FastifyReply, tooLarge(request, max)));
            }
            const timedOut = (error as { statusCode?: number }).statusCode === 504;
            const problem = timedOut
              ? problemOf(ErrorCode.GATEWAY_TIMEOUT, `The ${match.route.prefix} service did not answer in time.`, 'UPSTREAM_TIMEOUT')
              : problemOf(ErrorCode.BAD_GATEWAY, `The ${match.route.prefix} service is unavailable; try again shortly.`, 'UPSTREAM_UNAVAILABLE');
            request.log.warn({ prefix: match.route.prefix, code: problem.code }, 'upstream failed');
            void sendProblem(errorReply as FastifyReply, { ...problem, requestId: request.id });
          },
        });
      };
      return forwardTo(match.upstream);
    };
    proxy.all('/', forward);
    proxy.all('/*', forward);
  });
}
