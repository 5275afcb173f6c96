import { runPeriodically, withTransaction, type Pool } from '@clove/kit';
import type { SeatAnnouncer } from '../seats/seat-announcer.js';

/**
 * Releases expired holds even when nobody calls (R30), so live seat maps see the seats come
 * back. Reads do not wait for it: they treat expired holds as available already.
 */
export function startHoldSweeper(pool: Pool, announcer: SeatAnnouncer, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  const sweep = async () => {
    const freed = await withTransaction(pool, async (client) => {
      const expired = await client.query<{ id: string }>(
        `update holds set status = 'expired' where status = 'active' and expires_at <= now() returning id`,
      );
      if (!expired.rowCount) return [];
      const { rows } = await client.query<{ id: string }>(
        `update seats s set state = 'available', hold_id = null, hold_expires_at = null
         from (select id from seats where state = 'held' and hold_expires_at <= now()
               order by id for update skip locked) expired
         where s.id = expired.id returning s.id`,
      );
      return rows.map((r) => r.id);
    });
    announcer.announce(freed, 'available');
  };
  return runPeriodically(intervalMs, sweep, onError);
}
