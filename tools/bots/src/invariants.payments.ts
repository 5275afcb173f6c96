import pg from 'pg';
import { broken, check, type Check } from './invariants.check.js';
import { orderRequestStates, readOrders, type OrderRow } from './invariants.tickets.js';

interface PaymentRow {
  id: string;
  reference: string | null;
  amount: number;
  refunded_amount: number;
}

/**
 * The performance's captured payments. The payments service is shared by every performance;
 * ticketing describes each charge as "<slug>: N seat(s)", which is how this sale's are told apart.
 */
async function readPayments(paymentsUrl: string, slug: string): Promise<PaymentRow[]> {
  const db = new pg.Client({ connectionString: paymentsUrl });
  await db.connect();
  try {
    const { rows } = await db.query<PaymentRow>(
      `select id, reference, amount, refunded_amount from payments.payments
       where status = 'captured' and left(description, length($1)) = $1`,
      [`${slug}: `],
    );
    return rows;
  } finally {
    await db.end();
  }
}

function paidOrders(orders: OrderRow[], payments: PaymentRow[]): Check[] {
  const byReference = new Map<string, PaymentRow[]>();
  for (const p of payments) {
    if (p.reference) byReference.set(p.reference, [...(byReference.get(p.reference) ?? []), p]);
  }
  const unpaid: string[] = [];
  const refundMismatch: string[] = [];
  for (const order of orders) {
    const captured = byReference.get(order.id) ?? [];
    const payment = captured[0];
    if (captured.length !== 1 || !payment || payment.amount !== order.amount || payment.id !== order.payment_id) {
      unpaid.push(`order ${order.id} (${order.amount}): ${captured.map((p) => `${p.id}=${p.amount}`).join(', ') || 'no captured payment'}`);
    } else if (payment.refunded_amount !== order.refunded_amount) {
      refundMismatch.push(`order ${order.id}: refunded ${order.refunded_amount}, payment refunded ${payment.refunded_amount}`);
    }
  }
  return [
    check('payments', 'every order has exactly one captured payment of its amount', unpaid, `${orders.length} orders`),
    check('payments', 'refunded amounts agree between order and payment', refundMismatch),
  ];
}

/** Captured money without an order. Ticketing's reconciler refunds attempts it still knows, later. */
async function orphanPayments(ticketingUrl: string, orders: OrderRow[], payments: PaymentRow[]): Promise<Check> {
  const orderIds = new Set(orders.map((o) => o.id));
  const orphans = payments.filter((p) => !(p.reference && orderIds.has(p.reference)) && p.refunded_amount < p.amount);
  const states = orphans.length ? await orderRequestStates(ticketingUrl, orphans.map((p) => p.reference ?? '')) : new Map<string, string>();
  const described = orphans.map((p) => {
    const attempt = states.get(p.reference ?? '') ?? 'unknown to ticketing';
    return `payment ${p.id} (${p.amount}, refunded ${p.refunded_amount}) for order ${p.reference ?? '-'}: order request ${attempt}`;
  });
  return check('payments', 'no captured payment without an order (unless fully refunded)', described, `${payments.length} captured payments`);
}

/** Invariant 3: money taken matches tickets sold. */
export async function checkPayments(ticketingUrl: string, paymentsUrl: string, slug: string): Promise<Check[]> {
  try {
    const [orders, payments] = await Promise.all([readOrders(ticketingUrl), readPayments(paymentsUrl, slug)]);
    return [...paidOrders(orders, payments), await orphanPayments(ticketingUrl, orders, payments)];
  } catch (error) {
    return [broken('payments', 'payments and orders readable', error)];
  }
}
