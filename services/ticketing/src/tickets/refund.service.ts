import { randomUUID } from 'node:crypto';
import { conflict, notAllowed, notFound, type DomainError, type Pool } from '@clove/kit';
import { withOutcome, type PaymentsClient } from '../orders/payments.client.js';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';

export interface RefundResult {
  ticket: { id: string; seatId: string; state: 'refunded' };
  refund: { amount: number };
}

type RefundStart =
  | { outcome: 'refunding'; price: number; seatId: string; paymentId: string }
  | { outcome: 'not_found' | 'not_yours' | 'already_refunded' | 'in_progress' | 'started' };

/** Why begin_refund turned a refund down, as the buyer hears it. */
const REFUSED: Record<Exclude<RefundStart['outcome'], 'refunding'>, () => DomainError> = {
  not_found: () => notFound('No such ticket.', 'TICKET_NOT_FOUND'),
  not_yours: () => notAllowed('This ticket belongs to another buyer.', 'NOT_YOUR_TICKET'),
  already_refunded: () => conflict('The ticket was already refunded.', 'ALREADY_REFUNDED'),
  in_progress: () => conflict('A refund of this ticket is in progress.', 'REFUND_IN_PROGRESS'),
  started: () => conflict('The performance has started; tickets can no longer be refunded.', 'PERFORMANCE_STARTED'),
};

/** R33: a buyer cancels a ticket before the performance starts; the seat is sold again. */
export class RefundService {
  constructor(private readonly pool: Pool, private readonly payments: PaymentsClient, private readonly announcer: SeatAnnouncer) {}

  async refund(buyerId: string, ticketId: string): Promise<RefundResult> {
    const { rows } = await this.pool.query<{ result: RefundStart }>('select begin_refund($1, $2) as result', [buyerId, ticketId]);
    const ticket = rows[0]!.result;
    if (ticket.outcome !== 'refunding') throw REFUSED[ticket.outcome]();
    // If this call fails the ticket stays "refunding" and the reconciler finishes the refund.
    try {
      await this.payments.refund(`ticket-refund:${ticketId}`, ticket.paymentId, ticket.price);
    } catch (error) {
      throw withOutcome(error, 'The refund is recorded and completes on its own; there is no need to ask again.');
    }
    await this.complete(ticketId);
    return { ticket: { id: ticketId, seatId: ticket.seatId, state: 'refunded' }, refund: { amount: ticket.price } };
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

  /** Marks the ticket refunded, frees its seat and records order.refunded (complete_refund), unless done already. */
  private async complete(ticketId: string): Promise<void> {
    const { rows } = await this.pool.query<{ seat_id: string | null }>('select complete_refund($1, $2) as seat_id', [ticketId, randomUUID()]);
    const seatId = rows[0]!.seat_id;
    if (seatId) this.announcer.announce([seatId], 'available');
  }
}
