import { Type } from 'typebox';
import { withProblems, type App, type Pool } from '@clove/kit';
import { listPerformances } from './performance.repository.js';
import { ListPerformancesQuery, PerformanceSummarySchema } from './performance.schemas.js';

export function registerPerformanceRoutes(app: App, deps: { pool: Pool }): void {
  app.get('/events', {
    schema: {
      summary: 'All performances on the platform, soonest first, searchable by title or venue (R27)',
      querystring: ListPerformancesQuery,
      response: withProblems({ 200: Type.Array(PerformanceSummarySchema) }),
    },
  }, async (request) => listPerformances(deps.pool, request.query));
}
