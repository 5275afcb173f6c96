import type { Queryable } from '@clove/kit';
import type { BuyerDirectory } from './buyer-directory.js';

export interface Booker {
  orderId: string;
  buyerId: string;
  buyerEmail: string | null;
  buyerName: string | null;
  seats: string[];
  amount: number;
  refundedAmount: number;
  currency: string;
  orderStatus: string;
  paymentId: string;
  paymentStatus: 'captured' | 'partially_refunded' | 'refunded';
  paidAt: string;
}

/** R25: who bought which seats, with order and payment state. */
export async function bookers(db: Queryable, directory: BuyerDirectory): Promise<Booker[]> {
  const { rows } = await db.query<Omit<Booker, 'paymentStatus' | 'paidAt' | 'buyerEmail' | 'buyerName'> & { paidAt: Date }>(
    `select o.id as "orderId", o.buyer_id as "buyerId", array_agg(t.seat_id order by t.seat_id) as seats, o.amount,
            o.refunded_amount as "refundedAmount", o.currency, o.status as "orderStatus", o.payment_id as "paymentId",
            o.paid_at as "paidAt"
     from orders o join tickets t on t.order_id = o.id group by o.id order by o.paid_at, o.id`,
  );
  const contacts = await directory.contacts([...new Set(rows.map((r) => r.buyerId))]);
  return rows.map((r) => ({
    ...r,
    buyerEmail: contacts.get(r.buyerId)?.email ?? null,
    buyerName: contacts.get(r.buyerId)?.name ?? null,
    paymentStatus: r.orderStatus === 'paid' ? 'captured' : (r.orderStatus as 'partially_refunded' | 'refunded'),
    paidAt: new Date(r.paidAt).toISOString(),
  }));
}

const csvCell = (value: unknown) => {
  const text = Array.isArray(value) ? value.join(' ') : value === null ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas, also behind a leading tab or carriage return (OWASP).
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
};

/** UTF-8's byte-order mark: without it Excel reads the file in the system's code page and garbles Korean names. */
export const UTF8_BOM = '\uFEFF';

export function bookersCsv(list: Booker[]): string {
  const columns: Array<keyof Booker> = ['orderId', 'buyerId', 'buyerEmail', 'buyerName', 'seats', 'amount', 'refundedAmount', 'currency', 'orderStatus', 'paymentId', 'paymentStatus', 'paidAt'];
  return UTF8_BOM + [columns.join(','), ...list.map((b) => columns.map((c) => csvCell(b[c])).join(','))].join('\r\n') + '\r\n';
}

export interface Sales {
  currency: string;
  totals: { seats: number; sold: number; held: number; available: number; revenue: number; refunds: { count: number; amount: number } };
  grades: Array<{ grade: string; total: number; sold: number; held: number; available: number; revenue: number }>;
  byDay: Array<{ date: string; orders: number; tickets: number; revenue: number; refunds: number; refundedAmount: number }>;
}

/** R26: sold, held and available per grade, revenue, refunds, bookings per day (UTC). */
export async function sales(db: Queryable, currency: string): Promise<Sales> {
  const grades = await db.query<{ grade: string; total: string; sold: string; held: string; revenue: string }>(
    `select s.grade, count(*) as total,
            count(*) filter (where s.state = 'sold') as sold,
            count(*) filter (where s.state = 'held' and s.hold_expires_at > now()) as held,
            coalesce(sum(t.price), 0) as revenue
     from seats s left join tickets t on t.seat_id = s.id and t.state <> 'refunded'
     group by s.grade order by s.grade`,
  );
  const refunds = await db.query<{ count: string; amount: string }>(
    `select count(*) as count, coalesce(sum(price), 0) as amount from tickets where state = 'refunded'`,
  );
  const days = await db.query<{ date: string; orders: string; tickets: string; revenue: string; refunds: string; refunded_amount: string }>(
    `with sold as (
       select to_char(o.paid_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(distinct o.id) as orders,
              count(t.id) as tickets, sum(t.price) as revenue
       from orders o join tickets t on t.order_id = o.id group by 1),
     refunded as (
       select to_char(refunded_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*) as refunds, sum(price) as refunded_amount
       from tickets where state = 'refunded' group by 1)
     select coalesce(s.date, r.date) as date, coalesce(s.orders, 0) as orders, coalesce(s.tickets, 0) as tickets,
            coalesce(s.revenue, 0) as revenue, coalesce(r.refunds, 0) as refunds, coalesce(r.refunded_amount, 0) as refunded_amount
     from sold s full join refunded r on r.date = s.date order by 1`,
  );
  const gradeRows = grades.rows.map((g) => {
    const total = Number(g.total);
    const sold = Number(g.sold);
    const held = Number(g.held);
    return { grade: g.grade, total, sold, held, available: total - sold - held, revenue: Number(g.revenue) };
  });
  const sum = (key: 'total' | 'sold' | 'held' | 'available' | 'revenue') => gradeRows.reduce((acc, g) => acc + g[key], 0);
  return {
    currency,
    totals: {
      seats: sum('total'),
      sold: sum('sold'),
      held: sum('held'),
      available: sum('available'),
      revenue: sum('revenue'),
      refunds: { count: Number(refunds.rows[0]!.count), amount: Number(refunds.rows[0]!.amount) },
    },
    grades: gradeRows,
    byDay: days.rows.map((d) => ({
      date: d.date,
      orders: Number(d.orders),
      tickets: Number(d.tickets),
      revenue: Number(d.revenue),
      refunds: Number(d.refunds),
      refundedAmount: Number(d.refunded_amount),
    })),
  };
}
