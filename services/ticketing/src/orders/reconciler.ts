import { runPeriodically, type Pool } from '@clove/kit';
import type { RefundService } from '../tickets/refund.service.js';
import type { PaymentsClient } from './payments.client.js';

/**
 * Nothing is charged without an order (R32, N4): order attempts that never finished (the
 * process crashed, or the payments service timed out and the buyer did not retry) are
 * abandoned after a while, and any charge made for them is refunded. Refunds left half-done
 * are completed.
 */
export class Reconciler {
  constructor(
    private readonly pool: Pool,
    private readonly payments: PaymentsClient,
    private readonly refunds: RefundService,
    private readonly afterSeconds: number,
  ) {}

  async runOnce(): Promise<{ abandoned: number; refundsCompleted: number }> {
    const { rows } = await this.pool.query<{ buyer_id: string; idempotency_key: string; order_id: string }>(
      `update order_requests set status = 'abandoned', updated_at = now()
       where (buyer_id, idempotency_key) in (
         select buyer_id, idempotency_key from order_requests
         where status in ('pending', 'retryable') and updated_at < now() - make_interval(secs => $1)
         limit 50 for update skip locked)
       returning buyer_id, idempotency_key, order_id`,
      [this.afterSeconds],
    );
    for (const request of rows) {
      try {
        const paid = await this.pool.query('select 1 from orders where id = $1', [request.order_id]);
        if (paid.rowCount) continue;
        for (const payment of await this.payments.findByReference(request.order_id)) {
          const left = payment.amount - payment.refundedAmount;
          if (payment.status === 'captured' && left > 0) await this.payments.refund(`abandoned:${request.order_id}`, payment.id, left);
        }
      } catch (error) {
        // Payments unreachable: try again on a later run.
        await this.pool.query(
          `update order_requests set status = 'retryable', updated_at = now() - make_interval(secs => $3)
           where buyer_id = $1 and idempotency_key = $2`,
          [request.buyer_id, request.idempotency_key, this.afterSeconds],
        );
        throw error;
      }
    }
    const refundsCompleted = await this.refunds.settleStuckRefunds(this.afterSeconds);
    return { abandoned: rows.length, refundsCompleted };
  }

  start(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
    return runPeriodically(intervalMs, () => this.runOnce(), onError, { immediately: true });
  }
}
