import { Type, type Static } from 'typebox';

export const ORDER_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const;
export const TICKET_STATES = ['valid', 'refunded'] as const;

/** A seat's row or number as the performance names it: a number (3) or a label ("AA"). */
export const SeatLabelSchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  Type.String({ minLength: 1, maxLength: 20 }),
]);

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const PerformanceRemoved = Type.Boolean({
  description: 'The performance it was bought for no longer runs: its deployment was deleted, or another performance took '
    + 'its slug. It keeps its own title, venue and start; its tickets admit to nothing under that slug now',
});

export const OrderTicketSchema = Type.Object({
  id: Uuid,
  seatId: Type.String(),
  section: Type.String(),
  row: SeatLabelSchema,
  number: SeatLabelSchema,
  grade: Type.String(),
  price: Type.Integer({ description: 'Minor units of the order currency' }),
  state: Type.Enum(TICKET_STATES),
});

export const BuyerOrderSchema = Type.Object({
  orderId: Uuid,
  slug: Type.String(),
  title: Type.String(),
  venue: Type.String(),
  startsAt: DateTime,
  amount: Type.Integer({ description: 'Minor units' }),
  refundedAmount: Type.Integer({ description: 'Minor units refunded so far' }),
  currency: Type.String(),
  status: Type.Enum(ORDER_STATUSES),
  paidAt: DateTime,
  performanceRemoved: PerformanceRemoved,
  tickets: Type.Array(OrderTicketSchema),
});
export type BuyerOrder = Static<typeof BuyerOrderSchema>;

export const BuyerTicketSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  venue: Type.String(),
  startsAt: DateTime,
  seatId: Type.String(),
  section: Type.String(),
  row: SeatLabelSchema,
  number: SeatLabelSchema,
  grade: Type.String(),
  price: Type.Integer(),
  code: Type.String({ description: 'Verifiable entry code (QR payload)' }),
  orderId: Uuid,
  performanceRemoved: PerformanceRemoved,
});
export type BuyerTicket = Static<typeof BuyerTicketSchema>;
