import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors/domain-error.js';
import { problemOf, PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { sendProblem } from './error-handler.js';

/** Fastify's router refuses a path parameter longer than this (its maxParamLength). */
export const MAX_PARAM_LENGTH = 100;

/**
 * What Fastify's router refuses before any route runs (a path parameter too long, a path that
 * is not a valid URL) answered as a problem document, like every other refusal, and without
 * echoing the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? problemOf(ErrorCode.URI_TOO_LONG, `A part of the path is longer than ${MAX_PARAM_LENGTH} characters.`, 'PATH_PART_TOO_LONG', { requestId: request.id })
    : problemOf(ErrorCode.INVALID, 'The path is not a valid URL.', 'BAD_URL', { requestId: request.id });
  void sendProblem(reply, problem);
}

/**
 * What Node's HTTP parser refuses before there is a request (headers too large, a malformed
 * request, a request too slow to arrive): a problem document written to the socket, which closes.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = error.code === 'HPE_HEADER_OVERFLOW'
    ? problemOf(ErrorCode.HEADERS_TOO_LARGE, 'The request\'s headers (or its URL) are too large.', 'HEADERS_TOO_LARGE')
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? problemOf(ErrorCode.REQUEST_TIMEOUT, 'The request did not arrive in time.', 'REQUEST_TIMEOUT')
      : problemOf(ErrorCode.INVALID, 'The request is not valid HTTP.', 'BAD_HTTP_REQUEST');
  if (socket.writable) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
