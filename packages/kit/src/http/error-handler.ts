import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, type FieldError } from '../errors/domain-error.js';
import { codeForStatus, problemOf, PROBLEM_CONTENT_TYPE, type Problem } from '../errors/problem.js';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable.js';

interface AjvIssue {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * A value that fits none of a union's forms gets one error, not one per form and one more for
 * the union ("must be string; must be number; must be boolean; must match a schema in anyOf"):
 * "must be string, number or boolean" when the forms differ by type only.
 */
function withUnionsFolded(issues: AjvIssue[]): AjvIssue[] {
  const out: AjvIssue[] = [];
  for (const issue of issues) {
    if ((issue.keyword === 'anyOf' || issue.keyword === 'oneOf') && issue.schemaPath) {
      const branch = `${issue.schemaPath}/`;
      const forms: AjvIssue[] = [];
      while (out.length > 0 && out[out.length - 1]!.schemaPath?.startsWith(branch)) forms.unshift(out.pop()!);
      const types = forms.filter((f) => f.keyword === 'type' && f.instancePath === issue.instancePath).map((f) => String(f.params.type));
      if (types.length > 0 && types.length === forms.length) {
        out.push({ ...issue, message: `must be ${types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types.at(-1)}` : types[0]}` });
      } else {
        // Forms of other shapes: each form's errors say what it lacks; this says they are alternatives.
        out.push(...forms, { ...issue, message: 'matches none of the allowed forms; the errors before this one say what each form lacks' });
      }
      continue;
    }
    out.push(issue);
  }
  return out;
}

function fieldErrors(context: string, issues: AjvIssue[]): FieldError[] {
  return issues.map((issue) => {
    const base = `/${context}${issue.instancePath}`;
    if (issue.keyword === 'required') {
      return { path: `${base}/${String(issue.params.missingProperty)}`, message: 'is required' };
    }
    if (issue.keyword === 'additionalProperties') {
      return { path: `${base}/${String(issue.params.additionalProperty)}`, message: 'is not allowed' };
    }
    if (issue.keyword === 'enum') {
      const allowed = (issue.params.allowedValues as unknown[]).map(String).join(', ');
      return { path: base, message: `must be one of: ${allowed}` };
    }
    return { path: base, message: issue.message ?? issue.keyword };
  });
}

/** At most this many field errors are listed in a problem document. */
export const MAX_LISTED_ERRORS = 20;

const FASTIFY_CODES: Record<string, { code: ErrorCode; reason: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ErrorCode.INVALID, reason: 'INVALID_JSON', detail: 'The request body is not valid JSON, or it has a __proto__ or constructor.prototype key, which is refused.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ErrorCode.INVALID, reason: 'INVALID_JSON', detail: 'The request body is empty but its content type is JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ErrorCode.PAYLOAD_TOO_LARGE, reason: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, reason: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Request bodies are JSON: send this one with Content-Type: application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ErrorCode.INVALID, reason: 'INVALID_CONTENT_LENGTH' },
};

/** Turns anything thrown by a handler into a problem document. 5xx detail is never exposed. */
export function toProblem(error: unknown, requestId: string): Problem {
  if (error instanceof DomainError) {
    return problemOf(error.code, error.message, error.reason, {
      ...error.extra,
      ...(error.errors ? { errors: error.errors } : {}),
      requestId,
    });
  }
  const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    // A body of a hundred thousand unknown keys has as many problems: the first few say enough.
    const issues = withUnionsFolded(fastifyError.validation);
    const errors = fieldErrors(fastifyError.validationContext ?? 'body', issues.slice(0, MAX_LISTED_ERRORS));
    const unlisted = issues.length - errors.length;
    const detail = errors.map((e) => `${e.path} ${e.message}`).join('; ') + (unlisted > 0 ? `; and ${unlisted} more` : '');
    return problemOf(ErrorCode.INVALID, `Invalid request: ${detail}`, 'VALIDATION_FAILED', { errors, requestId });
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) {
    return problemOf(known.code, known.detail ?? fastifyError.message, known.reason, { requestId });
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return problemOf(codeForStatus(status), fastifyError.message, undefined, { requestId });
  }
  return problemOf(
    ErrorCode.INTERNAL,
    `An unexpected error occurred; quote request id ${requestId} when reporting it.`,
    undefined,
    { requestId },
  );
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // A database that cannot take the request now is an outage to wait out (503), not a bug.
    const error = !(thrown instanceof DomainError) && isDatabaseUnavailable(thrown) ? databaseUnavailable(thrown) : thrown;
    const problem = toProblem(error, request.id);
    if (error instanceof DomainError) {
      // Expected outcomes, a dependency's outage (503/504) included: no stack trace needed.
      const level = problem.status >= 500 ? 'warn' : 'debug';
      request.log[level]({ code: problem.code, status: problem.status }, 'request refused');
    } else if (problem.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    const headers = error instanceof DomainError ? error.headers : undefined;
    return sendProblem(reply, problem, headers);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problemOf(ErrorCode.NOT_FOUND, `No route for ${request.method} ${publicPrefixOf(request)}${request.url.split('?')[0]}.`, 'ROUTE_NOT_FOUND', {
        requestId: request.id,
      }),
    ),
  );
}

const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

/** The path the gateway took off before forwarding (its x-forwarded-prefix), so a 404 names the path the client sent. */
function publicPrefixOf(request: FastifyRequest): string {
  const prefix = request.headers['x-forwarded-prefix'];
  return typeof prefix === 'string' && PREFIX.test(prefix) ? prefix : '';
}
