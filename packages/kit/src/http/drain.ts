import { DomainError, ErrorCode } from '../errors/domain-error.js';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown without waiting on kept-alive connections. Node's server.close() closes the
 * connections idle at that moment, but one with a request in flight stays open after its answer
 * until the client or the keep-alive timeout (72 s) closes it, so a service stopped under traffic
 * would never finish closing. While closing, every answer says `Connection: close`, and a request
 * that still arrives gets a 503 problem telling the client to try again (elsewhere).
 */
export function installDrain(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback hooks: they run for every request, and an async hook costs a promise each time.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new DomainError(ErrorCode.UNAVAILABLE, 'The service is shutting down; try again.', {
      reason: 'SHUTTING_DOWN',
      headers: { 'retry-after': '1' },
    }));
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
