import { createHash } from 'node:crypto';
import type { Queryable } from '@clove/kit';

const int32Of = (text: string) => createHash('sha256').update(text).digest().readInt32BE(0);

/** First key of the two-key advisory locks, so they never meet other users of the database. */
const LOCK_SPACE = int32Of('clove-catalog:performance');

/**
 * Keys of the performances a batch touches: distinct and ascending, so concurrent batches take
 * the locks they share in one order and never deadlock (slugs whose hashes collide share a key).
 */
export function performanceLockKeys(slugs: Iterable<string>): number[] {
  return [...new Set([...slugs].map(int32Of))].sort((a, b) => a - b);
}

/**
 * Serialises the application of events per performance until the transaction ends. Events of
 * one order (paid, refunded) must not be applied side by side: each would miss the other's
 * uncommitted rows, and a refund could be lost.
 */
export async function lockPerformances(db: Queryable, slugs: Iterable<string>): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1::int, key) from unnest($2::int[]) as key', [
    LOCK_SPACE,
    performanceLockKeys(slugs),
  ]);
}
