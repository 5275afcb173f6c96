import { randomUUID } from 'node:crypto';
import type { Queryable } from '@clove/kit';

export type OutboxType = 'event.updated' | 'order.paid' | 'order.refunded' | 'seats.counted';

/** R39: records a fact in the same transaction as the change it describes. */
export async function writeOutbox(db: Queryable, type: OutboxType, data: Record<string, unknown>): Promise<void> {
  await db.query('insert into outbox (id, type, payload) values ($1, $2, $3)', [randomUUID(), type, data]);
}
