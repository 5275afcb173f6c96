import { withProblems, type App } from '@clove/kit';
import type { Faults } from '../faults/faults.js';
import type { ApiKeyGuard } from '../keys/api-key.guard.js';
import { FaultChangesBody, FaultSettingsSchema } from './faults.schemas.js';

const bearer = [{ bearer: [] }];

/** Run-time fault injection, for tests of callers' timeouts and retries. */
export function registerFaultRoutes(app: App, deps: { faults: Faults; guard: ApiKeyGuard }): void {
  const { faults, guard } = deps;

  app.get('/_faults', {
    onRequest: guard,
    schema: { summary: 'The injected latency and failure rate', security: bearer, response: withProblems({ 200: FaultSettingsSchema }) },
  }, async () => faults.current());

  app.put('/_faults', {
    onRequest: guard,
    schema: {
      summary: 'Change the injected latency and failure rate',
      security: bearer,
      body: FaultChangesBody,
      response: withProblems({ 200: FaultSettingsSchema }),
    },
  }, async (request) => faults.update(request.body));
}
