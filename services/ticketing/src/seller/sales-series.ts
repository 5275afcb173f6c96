import type { Queryable, TimeWindow } from '@clove/kit';

export interface GradePoint {
  tickets: number;
  revenue: number;
  refunds: number;
  refundedAmount: number;
}

export interface SalesPoint extends GradePoint {
  /** Start of the interval (RFC 3339). */
  at: string;
  orders: number;
  byGrade: Record<string, GradePoint>;
}

export interface SalesSeries {
  currency: string;
  from: string;
  to: string;
  stepSeconds: number;
  grades: string[];
  points: SalesPoint[];
}

const zero = (): GradePoint => ({ tickets: 0, revenue: 0, refunds: 0, refundedAmount: 0 });

/**
 * R26 over time: bookings (orders, tickets), revenue and refunds per interval and per grade,
 * every interval of the window present (zeros where nothing happened). Intervals start at
 * `from`; a ticket counts where it was paid, its refund where it was refunded.
 */
export async function salesSeries(db: Queryable, currency: string, window: TimeWindow): Promise<SalesSeries> {
  const params = [window.from.toISOString(), window.to.toISOString(), window.stepSeconds];
  const bucket = (column: string) => `floor(extract(epoch from ${column} - $1::timestamptz) / $3)::int`;
  const sold = await db.query<{ bucket: number; grade: string; tickets: number; revenue: string }>(
    `select ${bucket('o.paid_at')} as bucket, s.grade, count(*)::int as tickets, sum(t.price) as revenue
       from orders o join tickets t on t.order_id = o.id join seats s on s.id = t.seat_id
      where o.paid_at >= $1 and o.paid_at < $2 group by 1, 2`,
    params,
  );
  const refunded = await db.query<{ bucket: number; grade: string; refunds: number; amount: string }>(
    `select ${bucket('t.refunded_at')} as bucket, s.grade, count(*)::int as refunds, sum(t.price) as amount
       from tickets t join seats s on s.id = t.seat_id
      where t.state = 'refunded' and t.refunded_at >= $1 and t.refunded_at < $2 group by 1, 2`,
    params,
  );
  const grades = await db.query<{ grade: string }>('select distinct grade from seats order by grade');

  const count = Math.ceil((window.to.getTime() - window.from.getTime()) / 1000 / window.stepSeconds);
  const points: SalesPoint[] = Array.from({ length: count }, (_, i) => ({
    at: new Date(window.from.getTime() + i * window.stepSeconds * 1000).toISOString(),
    orders: 0,
    ...zero(),
    byGrade: Object.fromEntries(grades.rows.map((g) => [g.grade, zero()])),
  }));
  for (const row of sold.rows) {
    const point = points[row.bucket];
    if (!point) continue;
    point.tickets += row.tickets;
    point.revenue += Number(row.revenue);
    const grade = (point.byGrade[row.grade] ??= zero());
    grade.tickets += row.tickets;
    grade.revenue += Number(row.revenue);
  }
  for (const row of refunded.rows) {
    const point = points[row.bucket];
    if (!point) continue;
    point.refunds += row.refunds;
    point.refundedAmount += Number(row.amount);
    const grade = (point.byGrade[row.grade] ??= zero());
    grade.refunds += row.refunds;
    grade.refundedAmount += Number(row.amount);
  }
  // An order of several grades counts once.
  const orders = await ordersPerBucket(db, params, bucket('paid_at'));
  for (const [index, n] of orders) if (points[index]) points[index]!.orders = n;
  return { currency, from: window.from.toISOString(), to: window.to.toISOString(), stepSeconds: window.stepSeconds, grades: grades.rows.map((g) => g.grade), points };
}

/** Orders per interval, each counted once however many grades it spans. */
async function ordersPerBucket(db: Queryable, params: unknown[], bucket: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ bucket: number; orders: number }>(
    `select ${bucket} as bucket, count(*)::int as orders from orders where paid_at >= $1 and paid_at < $2 group by 1`,
    params,
  );
  return new Map(rows.map((r) => [r.bucket, r.orders]));
}
