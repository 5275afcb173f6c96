import { Type } from 'typebox';
import { checkTimeWindow, TimeWindowQuery, NoQuery, withProblems, type App, type Guard, type Pool } from '@clove/kit';
import { salesSeries } from './sales-series.js';
import type { BuyerDirectory } from './buyer-directory.js';
import { bookers, bookersCsv, sales } from './seller.queries.js';

const BookerSchema = Type.Object({
  orderId: Type.String(),
  buyerId: Type.String(),
  buyerEmail: Type.Union([Type.String(), Type.Null()], { description: 'null once the buyer deleted the account' }),
  buyerName: Type.Union([Type.String(), Type.Null()]),
  seats: Type.Array(Type.String()),
  amount: Type.Integer(),
  refundedAmount: Type.Integer(),
  currency: Type.String(),
  orderStatus: Type.String(),
  paymentId: Type.String(),
  paymentStatus: Type.String(),
  paidAt: Type.String(),
});
const Count = Type.Integer();
const SalesSchema = Type.Object({
  currency: Type.String(),
  totals: Type.Object({
    seats: Count, sold: Count, held: Count, available: Count, revenue: Count,
    refunds: Type.Object({ count: Count, amount: Count }),
  }),
  grades: Type.Array(Type.Object({ grade: Type.String(), total: Count, sold: Count, held: Count, available: Count, revenue: Count })),
  byDay: Type.Array(Type.Object({ date: Type.String(), orders: Count, tickets: Count, revenue: Count, refunds: Count, refundedAmount: Count })),
});
const GradePointSchema = Type.Object({ tickets: Count, revenue: Count, refunds: Count, refundedAmount: Count });
const SalesSeriesSchema = Type.Object({
  currency: Type.String(),
  from: Type.String(),
  to: Type.String(),
  stepSeconds: Count,
  grades: Type.Array(Type.String()),
  points: Type.Array(Type.Object({
    at: Type.String(),
    orders: Count,
    ...GradePointSchema.properties,
    byGrade: Type.Record(Type.String(), GradePointSchema),
  })),
});
const SERIES_LIMITS = { maxWindowSeconds: 400 * 86_400, minStepSeconds: 60, maxPoints: 11_000, defaultStepSeconds: 3600 };
const bearer = [{ bearer: [] }];

/** R25, R26: the seller's views of the sale. */
export function registerSellerRoutes(app: App, deps: { pool: Pool; ownerOrAdmin: Guard; currency: string; slug: string; directory: BuyerDirectory }): void {
  app.get('/bookers', {
    onRequest: deps.ownerOrAdmin,
    schema: {
      summary: 'Who bought which seats (R25); ?format=csv for a spreadsheet',
      security: bearer,
      querystring: Type.Object({ format: Type.Optional(Type.Enum(['json', 'csv'])) }, { additionalProperties: false }),
      response: withProblems({ 200: Type.Array(BookerSchema) }),
    },
  }, async (request, reply) => {
    const list = await bookers(deps.pool, deps.directory);
    if (request.query.format !== 'csv') return list;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${deps.slug}-bookers.csv"`)
      .serializer((payload: unknown) => payload as string)
      .send(bookersCsv(list) as never);
  });

  app.get('/sales', {
    onRequest: deps.ownerOrAdmin,
    schema: { summary: 'Sales statistics (R26)', security: bearer, querystring: NoQuery, response: withProblems({ 200: SalesSchema }) },
  }, async () => sales(deps.pool, deps.currency));

  app.get('/sales/series', {
    onRequest: deps.ownerOrAdmin,
    schema: {
      summary: 'Bookings, revenue and refunds per interval and per grade over a window (R26); at most 400 days and 11,000 intervals',
      security: bearer,
      querystring: TimeWindowQuery,
      response: withProblems({ 200: SalesSeriesSchema }),
    },
  }, async (request) => salesSeries(deps.pool, deps.currency, checkTimeWindow(request.query, SERIES_LIMITS)));
}
