import { conflict, notAllowed, notFound, withTransaction, type Pool, type Queryable } from '@clove/kit';
import type { PaymentsClient } from '../orders/payments.client.js';
import { writeOutbox } from '../outbox/outbox.js';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';

export interface RefundResult {
  ticket: { id: string; seatId: string; state: 'refunded' };
  refund: { amount: number };
}

/** R33: a buyer cancels a ticket before the performance starts; the seat is sold again. */
export class RefundService {
  constructor(private readonly pool: Pool, private readonly payments: PaymentsClient, private readonly announcer: SeatAnnouncer) {}

  async refund(buyerId: string, ticketId: string): Promise<RefundResult> {
    const ticket = await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ buyer_id: string; state: string; price: number; seat_id: string; payment_id: string; started: boolean }>(
        `select t.buyer_id, t.state, t.price, t.seat_id, o.payment_id, p.starts_at <= now() as started
         from tickets t join orders o on o.id = t.order_id cross join performance p
         where t.id = $1 for update of t`,
        [ticketId],
      );
      const row = rows[0];
      if (!row) throw notFound('No such ticket.', 'TICKET_NOT_FOUND');
      if (row.buyer_id !== buyerId) throw notAllowed('This ticket belongs to another buyer.', 'NOT_YOUR_TICKET');
      if (row.state === 'refunded') throw conflict('The ticket was already refunded.', 'ALREADY_REFUNDED');
      if (row.state === 'refunding') throw conflict('A refund of this ticket is in progress.', 'REFUND_IN_PROGRESS');
      if (row.started) throw conflict('The performance has started; tickets can no longer be refunded.', 'PERFORMANCE_STARTED');
      await client.query(`update tickets set state = 'refunding', refund_requested_at = now() where id = $1`, [ticketId]);
      return row;
    });
    // If this call fails the ticket stays "refunding" and the reconciler finishes the refund.
    await this.payments.refund(`ticket-refund:${ticketId}`, ticket.payment_id, ticket.price);
    await this.complete(ticketId);
    return { ticket: { id: ticketId, seatId: ticket.seat_id, state: 'refunded' }, refund: { amount: ticket.price } };
  }

  /** Finishes refunds left half-done by a crash or a payments outage. */
  async settleStuckRefunds(olderThanSeconds: number): Promise<number> {
    const { rows } = await this.pool.query<{ id: string; price: number; payment_id: string }>(
      `select t.id, t.price, o.payment_id from tickets t join orders o on o.id = t.order_id
       where t.state = 'refunding' and t.refund_requested_at < now() - make_interval(secs => $1) limit 100`,
      [olderThanSeconds],
    );
    for (const row of rows) {
      await this.payments.refund(`ticket-refund:${row.id}`, row.payment_id, row.price);
      await this.complete(row.id);
    }
    return rows.length;
  }

  private async complete(ticketId: string): Promise<void> {
    const seatId = await withTransaction(this.pool, (client) => completeRefund(client, ticketId));
    if (seatId) this.announcer.announce([seatId], 'available');
  }
}

/** Marks the ticket refunded and frees its seat; the seat's id, or null if it was done already. */
async function completeRefund(db: Queryable, ticketId: string): Promise<string | null> {
  const { rows } = await db.query<{ order_id: string; buyer_id: string; seat_id: string; price: number }>(
    `update tickets set state = 'refunded', refunded_at = now() where id = $1 and state = 'refunding'
     returning order_id, buyer_id, seat_id, price`,
    [ticketId],
  );
  const ticket = rows[0];
  if (!ticket) return null;
  await db.query(`update seats set state = 'available', order_id = null where id = $1 and order_id = $2`, [ticket.seat_id, ticket.order_id]);
  const order = await db.query<{ status: string }>(
    `update orders set refunded_amount = refunded_amount + $2,
       status = case when refunded_amount + $2 >= amount then 'refunded' else 'partially_refunded' end
     where id = $1 returning status`,
    [ticket.order_id, ticket.price],
  );
  await writeOutbox(db, 'order.refunded', {
    orderId: ticket.order_id,
    buyerId: ticket.buyer_id,
    ticketIds: [ticketId],
    refundAmount: ticket.price,
    refundedAt: new Date().toISOString(),
    orderStatus: order.rows[0]!.status,
  });
  return ticket.seat_id;
}
