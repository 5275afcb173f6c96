import type { Queryable } from '@clove/kit';
import { insertPaidOrder, recordRefund, settleOrder } from '../orders/order.repository.js';
import { applyRemaining, applySnapshot, ensurePerformance } from '../performances/performance.repository.js';
import type { CatalogEvent } from './event.schemas.js';

/**
 * Applies one new event to the read model. Every step is a conditional write keyed by
 * sequence or id, so the outcome does not depend on the order events arrive in.
 */
export async function applyEvent(db: Queryable, event: CatalogEvent): Promise<void> {
  await ensurePerformance(db, event.slug);
  switch (event.type) {
    case 'event.updated':
      await applySnapshot(db, event.slug, event.sequence, event.data);
      break;
    case 'order.paid':
      await insertPaidOrder(db, event.slug, event.sequence, event.data);
      await settleOrder(db, event.data.orderId);
      break;
    case 'order.refunded':
      await recordRefund(db, event.id, event.sequence, event.data);
      await settleOrder(db, event.data.orderId);
      break;
  }
  await applyRemaining(db, event.slug, event.sequence, event.data.remaining);
}
