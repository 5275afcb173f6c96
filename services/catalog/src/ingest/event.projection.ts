import type { Queryable } from '@clove/kit';
import { insertPaidOrders, recordRefund, settleOrder } from '../orders/order.repository.js';
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
  // The paid orders of a batch, the bulk of a sale's events, are written together.
  const paid = events.flatMap((e) => (e.type === 'order.paid' ? [{ slug: e.slug, sequence: e.sequence, data: e.data }] : []));
  // A refund that arrived before its order is settled now; otherwise there is nothing to settle.
  for (const orderId of await insertPaidOrders(db, paid)) await settleOrder(db, orderId);
  for (const event of events) if (event.type !== 'order.paid') await applyEvent(db, event);
  // Every event carries the seats remaining as of its sequence: the newest of the batch says it all.
  for (const [slug, event] of newest) await applyRemaining(db, slug, event.sequence, event.data.remaining);
}

async function applyEvent(db: Queryable, event: Exclude<CatalogEvent, { type: 'order.paid' }>): Promise<void> {
  switch (event.type) {
    case 'event.updated':
      await applySnapshot(db, event.slug, event.sequence, event.data);
      break;
    case 'order.refunded':
      await recordRefund(db, event.id, event.sequence, event.data);
      await settleOrder(db, event.data.orderId);
      break;
    case 'seats.counted':
      break; // its count is applied with every event's, below
  }
}
