import pg from 'pg';
import { broken, check, type Check } from './invariants.check.js';

/** The ticketing service's schema in a performance's database. */
const SCHEMA = 'ticketing';

type Row = Record<string, unknown>;

async function withDatabase<T>(databaseUrl: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${SCHEMA}` });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
const describe = (row: Row) => Object.entries(row).map(([k, v]) => `${k}=${String(v)}`).join(' ');

/** Each invariant of the sale as a query returning the rows that break it (none, when it holds). */
const QUERIES: Array<{ name: string; sql: string }> = [
  {
    name: 'no seat in two non-refunded tickets',
    sql: `select seat_id, count(*)::int as tickets from tickets where state <> 'refunded' group by seat_id having count(*) > 1`,
  },
  {
    name: 'every order has one ticket per seat it bought',
    sql: `select o.id as order_id, cardinality(h.seat_ids) as bought, count(t.id)::int as tickets
          from orders o join holds h on h.id = o.hold_id left join tickets t on t.order_id = o.id
          group by o.id, h.seat_ids having count(t.id) <> cardinality(h.seat_ids)`,
  },
  {
    name: "every order's amounts equal its tickets' prices (paid and refunded)",
    sql: `select o.id as order_id, o.amount, sum(t.price)::int as tickets_total, o.refunded_amount,
                 coalesce(sum(t.price) filter (where t.state = 'refunded'), 0)::int as refunded_tickets
          from orders o join tickets t on t.order_id = o.id group by o.id
          having o.amount <> sum(t.price) or o.refunded_amount <> coalesce(sum(t.price) filter (where t.state = 'refunded'), 0)`,
  },
  {
    name: "every live ticket's seat is sold to its order",
    sql: `select t.id as ticket_id, t.seat_id, s.state, s.order_id as seat_order, t.order_id
          from tickets t join seats s on s.id = t.seat_id
          where t.state <> 'refunded' and (s.state <> 'sold' or s.order_id is distinct from t.order_id)`,
  },
  {
    name: 'every sold seat has exactly one live ticket',
    sql: `select s.id as seat_id, count(t.id)::int as live_tickets
          from seats s left join tickets t on t.seat_id = s.id and t.state <> 'refunded'
          where s.state = 'sold' group by s.id having count(t.id) <> 1`,
  },
  {
    name: "a refunded ticket's seat is not sold to its order",
    sql: `select t.id as ticket_id, t.seat_id from tickets t join seats s on s.id = t.seat_id
          where t.state = 'refunded' and s.state = 'sold' and s.order_id = t.order_id`,
  },
  {
    name: 'every held seat belongs to an active hold that lists it',
    sql: `select s.id as seat_id, h.status from seats s left join holds h on h.id = s.hold_id
          where s.state = 'held' and (h.id is null or h.status <> 'active' or not (s.id = any (h.seat_ids)))`,
  },
];

/** Invariant 2: the performance's database, read once the run has ended. */
export async function checkTicketingDatabase(databaseUrl: string): Promise<Check[]> {
  try {
    return await withDatabase(databaseUrl, async (db) => {
      const checks: Check[] = [];
      for (const { name, sql } of QUERIES) {
        try {
          checks.push(check('database', name, (await db.query<Row>(sql)).rows.map(describe)));
        } catch (error) {
          checks.push(broken('database', name, error));
        }
      }
      return checks;
    });
  } catch (error) {
    return [broken('database', 'ticketing database reachable', error)];
  }
}

export interface OrderRow {
  id: string;
  amount: number;
  refunded_amount: number;
  payment_id: string;
}

/** Every order of the performance, for comparison with the payments service's records. */
export function readOrders(databaseUrl: string): Promise<OrderRow[]> {
  return withDatabase(databaseUrl, async (db) => (await db.query<OrderRow>('select id, amount, refunded_amount, payment_id from orders')).rows);
}

/** The state of the order attempts (Idempotency-Key requests) behind these order ids. */
export function orderRequestStates(databaseUrl: string, orderIds: string[]): Promise<Map<string, string>> {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query<{ order_id: string; status: string }>(
      'select order_id::text, status from order_requests where order_id::text = any($1)',
      [orderIds],
    );
    return new Map(rows.map((r) => [r.order_id, r.status]));
  });
}
