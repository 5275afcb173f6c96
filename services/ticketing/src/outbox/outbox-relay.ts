import { withSessionLock, type Pool, type PoolClient } from '@clove/kit';
import { remainingSeats } from '../performance/performance.repository.js';
import { writeOutbox } from './outbox.js';

export interface RelayOptions {
  catalogUrl: string;
  token: string;
  slug: string;
  /** Which performance under the slug the events belong to (see generation.ts). */
  generation: string;
  intervalMs: number;
  /**
   * How often the seats left are counted when there is nothing to deliver: holds that expire or
   * are released change them with no event, and the catalog would show the count of the last
   * order until the next one. A changed count is sent as a `seats.counted` event.
   */
  countEveryMs?: number;
  onError: (error: unknown) => void;
}

/** Held by the replica that relays; the others leave the outbox to it. */
const RELAY_LOCK = 'clove-ticketing-outbox-relay';
/** The most events the catalog takes in one delivery; each delivery also counts the seats left. */
const BATCH = 500;
/**
 * Deliveries stay well under the catalog's 8 MiB request body limit however large the orders:
 * 500 orders of 50 tickets with the longest labels the catalog allows would not.
 */
const MAX_DELIVERY_BYTES = 4 * 1024 * 1024;

/**
 * R39: delivers outbox rows to the catalog at least once, in sequence order. A row is marked
 * delivered only after the catalog accepted it; while the catalog is down rows wait.
 * `remaining` (seats left) is added at delivery time, from one count per batch. One replica
 * relays at a time, under an advisory lock rather than row locks, so no transaction stays open
 * while the catalog answers.
 */
export function startOutboxRelay(pool: Pool, options: RelayOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let failures = 0;
  let skipUntil = 0;
  /** The seats left as the catalog last heard them from this process; unknown after a start. */
  let announced: number | undefined;
  let countedAt = 0;

  /** Writes a seats.counted event when the seats left changed since the catalog last heard them. */
  const countChanged = async (client: PoolClient): Promise<boolean> => {
    if (Date.now() - countedAt < (options.countEveryMs ?? 5_000)) return false;
    countedAt = Date.now();
    const { rows } = await client.query<{ registered: boolean }>('select exists (select 1 from performance) as registered');
    if (!rows[0]?.registered || (await remainingSeats(client)) === announced) return false;
    await writeOutbox(client, 'seats.counted', {});
    return true;
  };

  /** Delivers the oldest undelivered rows; whether more may be waiting. */
  const deliverBatch = async () => {
    const delivered = await withSessionLock(pool, RELAY_LOCK, async (client) => {
      const { rows } = await client.query<{ seq: string; id: string; type: string; payload: Record<string, unknown>; created_at: Date }>(
        `select seq, id, type, payload, created_at from outbox where delivered_at is null order by seq limit ${BATCH}`,
      );
      if (!rows.length) return countChanged(client);
      const remaining = await remainingSeats(client);
      const events = rows.map((row) => ({
        id: row.id,
        type: row.type,
        slug: options.slug,
        generation: options.generation,
        sequence: Number(row.seq),
        occurredAt: row.created_at.toISOString(),
        data: { ...row.payload, remaining },
      }));
      // Large orders make large events: send the oldest that fit, the rest go next.
      let body = JSON.stringify({ events });
      while (Buffer.byteLength(body) > MAX_DELIVERY_BYTES && events.length > 1) {
        events.length = Math.ceil(events.length / 2);
        body = JSON.stringify({ events });
      }
      const response = await fetch(`${options.catalogUrl}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`catalog answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      await client.query('update outbox set delivered_at = now() where seq = any($1::bigint[])', [rows.slice(0, events.length).map((r) => r.seq)]);
      announced = remaining;
      return rows.length === BATCH || events.length < rows.length;
    });
    return delivered.acquired && delivered.value;
  };

  const tick = () => {
    if (running || Date.now() < skipUntil) return;
    running = (async () => {
      try {
        while (await deliverBatch());
        failures = 0;
      } catch (error) {
        failures += 1;
        skipUntil = Date.now() + Math.min(30_000, options.intervalMs * 2 ** failures);
        options.onError(error);
      }
    })().finally(() => (running = null));
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
