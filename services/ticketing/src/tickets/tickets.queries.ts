import type { Queryable } from '@clove/kit';

export interface TicketView {
  id: string;
  orderId: string;
  seatId: string;
  section: string;
  row: string;
  number: number;
  grade: string;
  price: number;
  state: 'valid' | 'refunding' | 'refunded';
  code: string;
}

export interface OrderView {
  id: string;
  status: string;
  amount: number;
  refundedAmount: number;
  currency: string;
  paidAt: string;
  tickets: Array<{ id: string; seatId: string; state: string }>;
}

const TICKET_COLUMNS = `t.id, t.order_id as "orderId", t.seat_id as "seatId", s.section, s.row_label as row, s.number,
  s.grade, t.price, t.state, t.code`;

/** A buyer's tickets for this performance (all states). */
export async function ticketsOf(db: Queryable, buyerId: string): Promise<TicketView[]> {
  const { rows } = await db.query<TicketView>(
    `select ${TICKET_COLUMNS} from tickets t join seats s on s.id = t.seat_id
     where t.buyer_id = $1 order by t.created_at, t.seat_id`,
    [buyerId],
  );
  return rows;
}

export async function ticketById(db: Queryable, ticketId: string): Promise<(TicketView & { buyerId: string }) | null> {
  const { rows } = await db.query<TicketView & { buyerId: string }>(
    `select ${TICKET_COLUMNS}, t.buyer_id as "buyerId" from tickets t join seats s on s.id = t.seat_id where t.id = $1`,
    [ticketId],
  );
  return rows[0] ?? null;
}

export async function ordersOf(db: Queryable, buyerId: string): Promise<OrderView[]> {
  const { rows } = await db.query<OrderView & { paidAt: Date }>(
    `select o.id, o.status, o.amount, o.refunded_amount as "refundedAmount", o.currency, o.paid_at as "paidAt",
            json_agg(json_build_object('id', t.id, 'seatId', t.seat_id, 'state', t.state) order by t.seat_id) as tickets
     from orders o join tickets t on t.order_id = o.id
     where o.buyer_id = $1 group by o.id order by o.paid_at desc`,
    [buyerId],
  );
  return rows.map((r) => ({ ...r, paidAt: new Date(r.paidAt).toISOString() }));
}
