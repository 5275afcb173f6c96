import { withTransaction, type Pool, type PoolClient } from '@clove/kit';
import { withdrawGeneration } from '../performances/generation.repository.js';
import { applyEvents } from './event.projection.js';
import type { CatalogEvent, IngestResult } from './event.schemas.js';
import { lockPerformances } from './performance-locks.js';

/** R39: applies delivered batches exactly once each event, in any order and under any retry. */
export class IngestService {
  constructor(private readonly pool: Pool) {}

  /** One transaction per batch: all of it is applied, or none of it. */
  async ingest(events: readonly CatalogEvent[]): Promise<IngestResult> {
    return withTransaction(this.pool, async (client) => {
      // Before the ids are recorded: two deliveries of one event then never hold each
      // other's id rows in opposite orders.
      await lockPerformances(client, events.map((e) => e.slug));
      const fresh = await recordNewEvents(client, events);
      // delete: an id repeated within the batch is applied once.
      const accepted = events.filter((event) => fresh.delete(event.id.toLowerCase()));
      await applyEvents(client, accepted);
      return { accepted: accepted.length, duplicates: events.length - accepted.length };
    });
  }

  /** R10: a deleted performance leaves the listing; asked again, nothing changes. */
  async withdraw(slug: string, generation: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await lockPerformances(client, [slug]);
      await withdrawGeneration(client, slug, generation.toLowerCase());
    });
  }
}

/** The ids of the batch not seen before, decided by one conditional insert. */
async function recordNewEvents(client: PoolClient, events: readonly CatalogEvent[]): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(
    `insert into processed_events (id, type, slug, sequence, occurred_at)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
     on conflict (id) do nothing
     returning id`,
    [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.slug),
      events.map((e) => e.sequence),
      events.map((e) => e.occurredAt),
    ],
  );
  return new Set(rows.map((row) => row.id));
}
