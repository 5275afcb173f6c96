import { Type } from 'typebox';
import { unauthenticated, withProblems, type App } from '@clove/kit';
import { toCatalogEvents } from './event-data.js';
import { GenerationParams, IngestBody, IngestResultSchema } from './event.schemas.js';
import type { StaticTokens } from '@clove/kit';
import type { IngestService } from './ingest.service.js';

/** 500 events with their tickets outgrow the default 1 MiB. */
const INGEST_BODY_LIMIT = 8 * 1024 * 1024;

/** Internal: the event feed of every performance's ticketing service (R39). */
export function registerIngestRoutes(app: App, deps: { ingest: IngestService; tokens: StaticTokens }): void {
  // onRequest: a caller without a token is refused before its body is read.
  const publisher = async (request: { headers: { authorization?: string } }) => {
    const authorization = request.headers.authorization;
    if (!authorization) throw unauthenticated('Missing Authorization header with an ingest token.', 'TOKEN_MISSING');
    if (!deps.tokens.accepts(authorization)) throw unauthenticated('The ingest token is not valid.', 'INVALID_TOKEN');
  };

  app.post('/events', {
    bodyLimit: INGEST_BODY_LIMIT,
    onRequest: publisher,
    schema: {
      summary: 'Deliver events of a performance (internal, ingest token); idempotent per event id',
      security: [{ bearer: [] }],
      body: IngestBody,
      response: withProblems({ 200: IngestResultSchema }),
    },
  }, async (request) => deps.ingest.ingest(toCatalogEvents(request.body.events)));

  app.delete('/performances/:slug/generations/:generation', {
    onRequest: publisher,
    schema: {
      summary: 'Withdraw a deleted performance from the listing (internal, ingest token); its late events change it no more. Idempotent',
      security: [{ bearer: [] }],
      params: GenerationParams,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await deps.ingest.withdraw(request.params.slug, request.params.generation);
    return reply.status(204).send(null);
  });
}
