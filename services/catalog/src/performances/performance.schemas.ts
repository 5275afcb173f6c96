import { Type, type Static } from 'typebox';

export const PerformanceSummarySchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  venue: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  lowestPrice: Type.Union([Type.Integer(), Type.Null()], { description: 'Minor units; null when no seat is priced' }),
  remaining: Type.Integer({ description: 'Seats still available' }),
  url: Type.String(),
});
export type PerformanceSummary = Static<typeof PerformanceSummarySchema>;

export const ListPerformancesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Matches title or venue, case-insensitively' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListPerformancesQuery = Static<typeof ListPerformancesQuery>;
