import type { Queryable } from '@clove/kit';
import { insertPaidOrders, recordRefund, settleOrder } from '../orders/order.repository.js';
import { applyGenerationChange, retiredAmong, slugStates } from '../performances/generation.repository.js';
import { applyRemaining, applySnapshot, ensurePerformance } from '../performances/performance.repository.js';
import type { CatalogEvent } from './event.schemas.js';
import { planGenerations } from './generation-plan.js';

/**
 * Applies the new events of a batch to the read model. Every step is a conditional write keyed
 * by sequence or id, so the outcome does not depend on the order events arrive in. Sequences
 * compare within one generation of a slug only (see generation-plan.ts).
 */
export async function applyEvents(db: Queryable, events: readonly CatalogEvent[]): Promise<void> {
  const slugs = [...new Set(events.map((e) => e.slug))];
  for (const slug of slugs) await ensurePerformance(db, slug);
  const named = [...new Set(events.flatMap((e) => (e.generation ? [e.generation.toLowerCase()] : [])))];
  const plan = planGenerations(events, await slugStates(db, slugs), await retiredAmong(db, named));
  for (const change of plan.changes) await applyGenerationChange(db, change);
  // Orders of any generation are recorded, a retired one's too: their buyers paid.
  // The paid orders of a batch, the bulk of a sale's events, are written together.
  const paid = events.flatMap((e) => (e.type === 'order.paid'
    ? [{ slug: e.slug, generation: plan.generationOf.get(e) ?? null, sequence: e.sequence, data: e.data }]
    : []));
  // A refund that arrived before its order is settled now; otherwise there is nothing to settle.
  for (const orderId of await insertPaidOrders(db, paid)) await settleOrder(db, orderId);
  for (const event of events) {
    if (event.type === 'order.refunded') {
      await recordRefund(db, event.id, event.sequence, event.data);
      await settleOrder(db, event.data.orderId);
    }
  }
  const newest = new Map<string, CatalogEvent>();
  for (const event of plan.listing) {
    if (event.type === 'event.updated') await applySnapshot(db, event.slug, event.sequence, event.data);
    if ((newest.get(event.slug)?.sequence ?? -1) < event.sequence) newest.set(event.slug, event);
  }
  // Every event carries the seats remaining as of its sequence: the newest of the batch says it all.
  for (const [slug, event] of newest) await applyRemaining(db, slug, event.sequence, event.data.remaining);
}
