import type { MyOrder } from '../api/tickets';
import type { RefundRecord } from './TicketCard';

/**
 * The orders with the refunds made on this page applied: the catalog hears of a refund a
 * moment after the performance answers it, and the history must not say "Paid" meanwhile.
 * A refund the catalog already shows is not counted twice.
 */
export function ordersWithRefunds(orders: MyOrder[], refunds: ReadonlyMap<string, RefundRecord>): MyOrder[] {
  if (refunds.size === 0) return orders;
  return orders.map((order) => {
    let refundedAmount = order.refundedAmount;
    const tickets = order.tickets.map((ticket) => {
      const refund = refunds.get(ticket.id);
      if (!refund || ticket.state === 'refunded') return ticket;
      refundedAmount += refund.amount;
      return { ...ticket, state: 'refunded' as const };
    });
    if (refundedAmount === order.refundedAmount) return order;
    const status = tickets.every((ticket) => ticket.state === 'refunded') ? 'refunded' : 'partially_refunded';
    return { ...order, tickets, refundedAmount: Math.min(refundedAmount, order.amount), status };
  });
}
