import type { Queryable } from '@clove/kit';
import { hasRefunds, insertPaidOrder, recordRefund, settleOrder } from '../orders/order.repository.js';
import { applyRemaining, applySnapshot, ensurePerformance } from '../performances/performance.repository.js';
import type { CatalogEvent } from './event.schemas.js';

/**
 * Applies the new events of a batch to the read model. Every step is a conditional write keyed
 * by sequence or id, so the outcome does not depend on the order events arrive in.
 */
export async function applyEvents(db: Queryable, events: readonly CatalogEvent[]): Promise<void> {
  const newest = new Map<string, CatalogEvent>();
  for (const event of events) {
    if ((newest.get(event.slug)?.sequence ?? -1) < event.sequence) newest.set(event.slug, event);
  }
  for (const slug of newest.keys()) await ensurePerformance(db, slug);
  for (const event of events) await applyEvent(db, event);
  // Every event carries the seats remaining as of its sequence: the newest of the batch says it all.
  for (const [slug, event] of newest) await applyRemaining(db, slug, event.sequence, event.data.remaining);
}

async function applyEvent(db: Queryable, event: CatalogEvent): Promise<void> {
  switch (event.type) {
    case 'event.updated':
      await applySnapshot(db, event.slug, event.sequence, event.data);
      break;
    case 'order.paid':
      await insertPaidOrder(db, event.slug, event.sequence, event.data);
      // A refund that arrived before its order is settled now; otherwise there is nothing to settle.
      if (await hasRefunds(db, event.data.orderId)) await settleOrder(db, event.data.orderId);
      break;
    case 'order.refunded':
      await recordRefund(db, event.id, event.sequence, event.data);
      await settleOrder(db, event.data.orderId);
      break;
  }
}
