import type { Pool } from '@clove/kit';
import { Snapshot } from '../snapshot.js';
import { findPerformance, type PerformanceRow } from './performance.repository.js';

/**
 * The performance's information for the hot paths (every hold checks the sale window), read at
 * most once a second. This instance forgets it at once when it changes it; other instances of
 * the same performance see a change within a second.
 */
export type PerformanceCache = Snapshot<PerformanceRow | null>;

export function performanceCache(pool: Pool): PerformanceCache {
  return new Snapshot(() => findPerformance(pool), 1000);
}
