import type { Queryable } from '@clove/kit';
import type { PerformanceUpdatedData } from '../ingest/event.schemas.js';
import type { ListPerformancesQuery, PerformanceSummary } from './performance.schemas.js';
import { containsPattern } from './search-pattern.js';

/** Creates the row an event of a not yet known performance writes into. */
export async function ensurePerformance(db: Queryable, slug: string): Promise<void> {
  await db.query('insert into performances (slug) values ($1) on conflict (slug) do nothing', [slug]);
}

/** Stores the snapshot unless the row already holds one from a newer event. */
export async function applySnapshot(db: Queryable, slug: string, sequence: number, data: PerformanceUpdatedData): Promise<void> {
  await db.query(
    `update performances
     set title = $3, venue = $4, starts_at = $5, ends_at = $6, sale_opens_at = $7, lowest_price = $8,
         currency = $9, total_seats = $10, url = $11, info_sequence = $2
     where slug = $1 and (info_sequence is null or info_sequence < $2)`,
    [slug, sequence, data.title, data.venue, data.startsAt, data.endsAt, data.saleOpensAt, data.lowestPrice,
      data.currency, data.totalSeats, data.url],
  );
}

/** Every event carries the remaining seats as of its sequence; the newest one wins. */
export async function applyRemaining(db: Queryable, slug: string, sequence: number, remaining: number): Promise<void> {
  await db.query(
    'update performances set remaining = $3, remaining_sequence = $2 where slug = $1 and remaining_sequence < $2',
    [slug, sequence, remaining],
  );
}

interface SummaryRow {
  slug: string;
  title: string;
  venue: string;
  starts_at: Date;
  lowest_price: string | null;
  remaining: number;
  url: string;
}

/** R27: performances with a known snapshot and not withdrawn, soonest first, optionally matching q. */
export async function listPerformances(db: Queryable, query: ListPerformancesQuery): Promise<PerformanceSummary[]> {
  const q = query.q?.trim();
  const { rows } = await db.query<SummaryRow>(
    `select slug, title, venue, starts_at, lowest_price, remaining, url
     from performances
     where info_sequence is not null and withdrawn_at is null
       and ($1::text is null or title ilike $1 escape '\\' or venue ilike $1 escape '\\')
     order by starts_at, slug
     limit $2 offset $3`,
    [q ? containsPattern(q) : null, query.limit, query.offset],
  );
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    venue: row.venue,
    startsAt: row.starts_at.toISOString(),
    lowestPrice: row.lowest_price === null ? null : Number(row.lowest_price),
    remaining: row.remaining,
    url: row.url,
  }));
}
