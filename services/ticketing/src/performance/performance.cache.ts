import type { Pool } from '@clove/kit';
import { Snapshot } from '../snapshot.js';
import { findPerformance, gradeCounts, type GradeCount, type PerformanceRow } from './performance.repository.js';

/**
 * The performance's information for the hot paths (every hold checks the sale window), read at
 * most once a second. This instance forgets it at once when it changes it; other instances of
 * the same performance see a change within a second.
 */
export type PerformanceCache = Snapshot<PerformanceRow | null>;

export function performanceCache(pool: Pool): PerformanceCache {
  return new Snapshot(() => findPerformance(pool), 1000);
}

/**
 * Each grade's seats and seats left, read at most once a second for everyone who shows them: the
 * details (R28) and the quick list (R29). Counting the held seats costs PostgreSQL about a
 * millisecond, too much for every buyer arriving for a sale. Forgotten at once when this
 * instance changes the seat map; sales and holds show within a second.
 */
export type GradeCountsCache = Snapshot<GradeCount[]>;

export function gradeCountsCache(pool: Pool): GradeCountsCache {
  return new Snapshot(() => gradeCounts(pool), 1000);
}
