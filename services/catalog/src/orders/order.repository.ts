import type { Queryable } from '@clove/kit';
import type { OrderPaidData, OrderRefundedData } from '../ingest/event.schemas.js';
import type { BuyerOrder, BuyerTicket } from './order.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A paid order as the catalog received it, with the performance it was sold for. */
export interface PaidOrder {
  slug: string;
  /** The performance under the slug it was sold for; null before events named one. */
  generation: string | null;
  sequence: number;
  data: OrderPaidData;
}

/**
 * Writes paid orders and their tickets, each once, in one statement: a second order.paid for
 * the same order (a publisher retry under a new event id) changes nothing. Answers the orders
 * written now for which a refund had already arrived: they still need settling.
 */
export async function insertPaidOrders(db: Queryable, paid: readonly PaidOrder[]): Promise<string[]> {
  if (paid.length === 0) return [];
  // One copy of each order: the statement inserts every row it is given.
  const orders = [...new Map(paid.map((p) => [p.data.orderId, p])).values()].map(({ slug, generation, sequence, data }) => ({ ...data, slug, generation, sequence }));
  // Runs for every delivery under load: named, it is prepared once per connection.
  const { rows } = await db.query<{ id: string }>({
    name: 'orders.insert-paid',
    text: `with paid as (
       select * from jsonb_to_recordset($1::jsonb) as o(
         "orderId" uuid, slug text, generation uuid, "buyerId" uuid, sequence bigint, title text, venue text,
         "startsAt" timestamptz, amount bigint, currency text, "paidAt" timestamptz, tickets jsonb)),
     inserted as (
       insert into orders (id, slug, generation, buyer_id, sequence, title, venue, starts_at, amount, currency, paid_at, status)
       select "orderId", slug, generation, "buyerId", sequence, title, venue, "startsAt", amount, currency, "paidAt", 'paid' from paid
       on conflict (id) do nothing
       returning id),
     ticketed as (
       insert into tickets (id, order_id, buyer_id, slug, seat_id, section, seat_row, seat_number, grade, price, code, state)
       select t.id, p."orderId", p."buyerId", p.slug, t."seatId", t.section, t."row", t."number", t.grade, t.price, t.code, 'valid'
       from paid p join inserted i on i.id = p."orderId"
         cross join jsonb_to_recordset(p.tickets)
           as t(id uuid, "seatId" text, section text, "row" jsonb, "number" jsonb, grade text, price bigint, code text)
       on conflict (id) do nothing)
     select i.id from inserted i where exists (select 1 from order_refunds r where r.order_id = i.id)`,
    values: [JSON.stringify(orders)],
  });
  return rows.map((row) => row.id);
}

/** Keeps a refund on its own, whether or not its order has arrived yet. */
export async function recordRefund(db: Queryable, eventId: string, sequence: number, data: OrderRefundedData): Promise<void> {
  await db.query(
    `insert into order_refunds (event_id, order_id, sequence, amount, order_status, refunded_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (event_id) do nothing`,
    [eventId, data.orderId, sequence, data.refundAmount, data.orderStatus, data.refundedAt],
  );
  await db.query(
    `insert into refunded_tickets (ticket_id, order_id, refunded_at)
     select ticket_id, $2, $3 from unnest($1::uuid[]) as ticket_id
     on conflict (ticket_id) do nothing`,
    [data.ticketIds, data.orderId, data.refundedAt],
  );
}

/**
 * Derives an order's refunded amount, status and ticket states from the refunds recorded for
 * it. Run after either side arrives, it gives the same result in any arrival order.
 */
export async function settleOrder(db: Queryable, orderId: string): Promise<void> {
  await db.query(
    `update orders o set refunded_amount = r.total, status = coalesce(r.latest_status, 'paid')
     from (select coalesce(sum(amount), 0) as total,
                  (array_agg(order_status order by sequence desc))[1] as latest_status
           from order_refunds where order_id = $1) r
     where o.id = $1`,
    [orderId],
  );
  await db.query(
    `update tickets t set state = 'refunded'
     where t.order_id = $1 and t.state = 'valid'
       and exists (select 1 from refunded_tickets r where r.ticket_id = t.id)`,
    [orderId],
  );
}

// An order shows the performance as it was paid for, until a newer snapshot of that same
// performance arrives: another generation of the slug is another performance.
const NEWER_SNAPSHOT = 'p.info_sequence > o.sequence and p.generation is not distinct from o.generation';
const SHOWN = {
  title: `case when ${NEWER_SNAPSHOT} then p.title else o.title end`,
  venue: `case when ${NEWER_SNAPSHOT} then p.venue else o.venue end`,
  startsAt: `case when ${NEWER_SNAPSHOT} then p.starts_at else o.starts_at end`,
  performanceRemoved: '(p.withdrawn_at is not null or p.generation is distinct from o.generation)',
};

interface OrderRow {
  id: string;
  slug: string;
  title: string;
  venue: string;
  starts_at: Date;
  amount: string;
  refunded_amount: string;
  currency: string;
  status: BuyerOrder['status'];
  paid_at: Date;
  performance_removed: boolean;
  /** Built by json_agg: numbers and labels arrive as JSON values. */
  tickets: BuyerOrder['tickets'];
}

/** R34: the buyer's orders on every performance, in every state, newest first. */
export async function listBuyerOrders(db: Queryable, buyerId: string): Promise<BuyerOrder[]> {
  if (!UUID.test(buyerId)) return [];
  const { rows } = await db.query<OrderRow>(
    `select o.id, o.slug, ${SHOWN.title} as title, ${SHOWN.venue} as venue, ${SHOWN.startsAt} as starts_at,
            o.amount, o.refunded_amount, o.currency, o.status, o.paid_at, ${SHOWN.performanceRemoved} as performance_removed,
            coalesce((
              select json_agg(json_build_object(
                       'id', t.id, 'seatId', t.seat_id, 'section', t.section, 'row', t.seat_row,
                       'number', t.seat_number, 'grade', t.grade, 'price', t.price, 'state', t.state)
                     order by t.section, t.seat_row, t.seat_number, t.seat_id)
              from tickets t where t.order_id = o.id
            ), '[]') as tickets
     from orders o left join performances p on p.slug = o.slug
     where o.buyer_id = $1
     order by o.paid_at desc, o.id desc`,
    [buyerId],
  );
  return rows.map((row) => ({
    orderId: row.id,
    slug: row.slug,
    title: row.title,
    venue: row.venue,
    startsAt: row.starts_at.toISOString(),
    amount: Number(row.amount),
    refundedAmount: Number(row.refunded_amount),
    currency: row.currency,
    status: row.status,
    paidAt: row.paid_at.toISOString(),
    performanceRemoved: row.performance_removed,
    tickets: row.tickets,
  }));
}

interface TicketRow {
  id: string;
  slug: string;
  title: string;
  venue: string;
  starts_at: Date;
  seat_id: string;
  section: string;
  seat_row: string | number;
  seat_number: string | number;
  grade: string;
  price: string;
  code: string;
  order_id: string;
  performance_removed: boolean;
}

/** R35: the buyer's valid tickets on every performance, by start time, then seat. */
export async function listBuyerTickets(db: Queryable, buyerId: string): Promise<BuyerTicket[]> {
  if (!UUID.test(buyerId)) return [];
  const { rows } = await db.query<TicketRow>(
    `select t.id, t.slug, ${SHOWN.title} as title, ${SHOWN.venue} as venue, ${SHOWN.startsAt} as starts_at,
            t.seat_id, t.section, t.seat_row, t.seat_number, t.grade, t.price, t.code, t.order_id,
            ${SHOWN.performanceRemoved} as performance_removed
     from tickets t
       join orders o on o.id = t.order_id
       left join performances p on p.slug = t.slug
     where t.buyer_id = $1 and t.state = 'valid'
     order by starts_at, t.slug, t.section, t.seat_row, t.seat_number, t.seat_id`,
    [buyerId],
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    venue: row.venue,
    startsAt: row.starts_at.toISOString(),
    seatId: row.seat_id,
    section: row.section,
    row: row.seat_row,
    number: row.seat_number,
    grade: row.grade,
    price: Number(row.price),
    code: row.code,
    orderId: row.order_id,
    performanceRemoved: row.performance_removed,
  }));
}
