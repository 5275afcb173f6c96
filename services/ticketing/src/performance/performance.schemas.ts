import { Type, type Static } from 'typebox';
import { Line, Paragraph } from '@clove/kit';

export const MAX_SEATS = 100_000;
export const MAX_PRICE = 10_000_000;

/** A section or row label: letters and digits, up to 8 (seat ids join them with '-'). */
export const Label = Type.String({ pattern: '^[A-Za-z0-9]{1,8}$', description: 'Letters and digits, up to 8' });
// A seat is paid for (the payment service takes no charge of 0): free seats are not sold here.
const Price = Type.Integer({ minimum: 1, maximum: MAX_PRICE, description: 'Minor units of the currency (KRW: won), at least 1' });
const Grade = Line({ minLength: 1, maxLength: 30 });

export const SectionSchema = Type.Object(
  {
    name: Label,
    grade: Grade,
    price: Price,
    rows: Type.Integer({ minimum: 1, maximum: 200 }),
    seatsPerRow: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);

export const ExplicitSeatSchema = Type.Object(
  { section: Label, row: Label, number: Type.Integer({ minimum: 1, maximum: 10_000 }), grade: Grade, price: Price },
  { additionalProperties: false },
);

export const SeatMapSchema = Type.Object(
  {
    sections: Type.Optional(Type.Array(SectionSchema, { minItems: 1, maxItems: 200 })),
    seats: Type.Optional(Type.Array(ExplicitSeatSchema, { minItems: 1, maxItems: MAX_SEATS })),
  },
  { additionalProperties: false, description: 'Sections (rows × seats per row) or an explicit seat list, or both' },
);
export type SeatMapInput = Static<typeof SeatMapSchema>;

const infoProperties = {
  title: Line({ minLength: 1, maxLength: 200 }),
  description: Paragraph({ maxLength: 5000 }),
  performers: Type.Array(Line({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
  venue: Line({ minLength: 1, maxLength: 200 }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  saleOpensAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};

export const ApplyBody = Type.Object(
  {
    title: infoProperties.title,
    description: Type.Optional(infoProperties.description),
    performers: Type.Optional(infoProperties.performers),
    venue: infoProperties.venue,
    startsAt: infoProperties.startsAt,
    endsAt: infoProperties.endsAt,
    saleOpensAt: Type.Optional(infoProperties.saleOpensAt),
    seatMap: SeatMapSchema,
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const ModifyBody = Type.Object(
  {
    title: Type.Optional(infoProperties.title),
    description: Type.Optional(infoProperties.description),
    performers: Type.Optional(infoProperties.performers),
    venue: Type.Optional(infoProperties.venue),
    startsAt: Type.Optional(infoProperties.startsAt),
    endsAt: Type.Optional(infoProperties.endsAt),
    saleOpensAt: Type.Optional(infoProperties.saleOpensAt),
    seatMap: Type.Optional(SeatMapSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ModifyBody = Static<typeof ModifyBody>;

export const GradeSummarySchema = Type.Object({
  grade: Type.String(),
  price: Type.Integer({ description: 'Lowest price of the grade' }),
  total: Type.Integer(),
  remaining: Type.Integer(),
});

export const EventSchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  performers: Type.Array(Type.String()),
  venue: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  saleOpensAt: Type.Union([Type.String(), Type.Null()]),
  currency: Type.String(),
  totalSeats: Type.Integer(),
  remaining: Type.Integer(),
  lowestPrice: Type.Union([Type.Integer(), Type.Null()]),
  grades: Type.Array(GradeSummarySchema),
  maxSeatsPerBuyer: Type.Integer(),
  holdSeconds: Type.Integer(),
  version: Type.Integer(),
});
export type EventView = Static<typeof EventSchema>;
