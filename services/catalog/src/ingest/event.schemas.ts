import { Type, type Static } from 'typebox';
import { SeatLabelSchema } from '../orders/order.schemas.js';

export const EVENT_TYPES = ['event.updated', 'order.paid', 'order.refunded', 'seats.counted'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Money = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units' });
const SeatCount = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code' });

/**
 * The envelope every publisher sends. `data` is checked against the schema of its `type`
 * after the envelope (see event-data.ts); unknown members of `data` are ignored, so a
 * publisher can add fields before the catalog reads them.
 */
export const EventEnvelopeSchema = Type.Object(
  {
    id: Uuid,
    type: Type.Enum(EVENT_TYPES),
    slug: Slug,
    generation: Type.Optional(Type.String({
      format: 'uuid',
      description: 'The performance under the slug the event belongs to: another generation has sequences of its own, from 1. '
        + 'Without it the event belongs to whichever performance the slug lists',
    })),
    sequence: Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Per performance, increasing in the order the publisher committed its events',
    }),
    occurredAt: DateTime,
    data: Type.Object({}, {
      additionalProperties: true,
      description: 'PerformanceUpdatedData, OrderPaidData, OrderRefundedData or SeatsCountedData, by type',
    }),
  },
  { additionalProperties: false },
);

export const GenerationParams = Type.Object({ slug: Slug, generation: Uuid });

export const IngestBody = Type.Object(
  { events: Type.Array(EventEnvelopeSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type IngestBody = Static<typeof IngestBody>;
export type EventEnvelope = IngestBody['events'][number];

export const IngestResultSchema = Type.Object({
  accepted: Type.Integer({ description: 'Events seen for the first time and applied' }),
  duplicates: Type.Integer({ description: 'Events already applied by an earlier delivery' }),
});
export type IngestResult = Static<typeof IngestResultSchema>;

export const PerformanceUpdatedData = Type.Object({
  title: Text(300),
  venue: Text(300),
  startsAt: DateTime,
  endsAt: DateTime,
  saleOpensAt: Type.Union([DateTime, Type.Null()]),
  lowestPrice: Type.Union([Money, Type.Null()]),
  currency: Currency,
  remaining: SeatCount,
  totalSeats: SeatCount,
  url: Text(2048),
});
export type PerformanceUpdatedData = Static<typeof PerformanceUpdatedData>;

export const PaidTicketData = Type.Object({
  id: Uuid,
  seatId: Text(64),
  section: Text(64),
  row: SeatLabelSchema,
  number: SeatLabelSchema,
  grade: Text(64),
  price: Money,
  code: Text(4096),
});

export const OrderPaidData = Type.Object({
  orderId: Uuid,
  buyerId: Uuid,
  title: Text(300),
  venue: Text(300),
  startsAt: DateTime,
  amount: Money,
  currency: Currency,
  paidAt: DateTime,
  remaining: SeatCount,
  tickets: Type.Array(PaidTicketData, { minItems: 1, maxItems: 200 }),
});
export type OrderPaidData = Static<typeof OrderPaidData>;

export const OrderRefundedData = Type.Object({
  orderId: Uuid,
  buyerId: Uuid,
  ticketIds: Type.Array(Uuid, { maxItems: 200 }),
  refundAmount: Money,
  refundedAt: DateTime,
  orderStatus: Type.Enum(['refunded', 'partially_refunded']),
  remaining: SeatCount,
});
export type OrderRefundedData = Static<typeof OrderRefundedData>;

/** The seats left changed with no order or refund: holds expired or were released. */
export const SeatsCountedData = Type.Object({ remaining: SeatCount });
export type SeatsCountedData = Static<typeof SeatsCountedData>;

interface Typed<T extends EventType, D> extends Omit<EventEnvelope, 'type' | 'data'> {
  type: T;
  data: D;
}

/** An event whose data has been checked against the schema of its type. */
export type CatalogEvent =
  | Typed<'event.updated', PerformanceUpdatedData>
  | Typed<'order.paid', OrderPaidData>
  | Typed<'order.refunded', OrderRefundedData>
  | Typed<'seats.counted', SeatsCountedData>;
