import type { Queryable } from '@clove/kit';
import type { GenerationChange, SlugState } from '../ingest/generation-plan.js';

/** The generation each slug lists now, and whether it was withdrawn. */
export async function slugStates(db: Queryable, slugs: readonly string[]): Promise<Map<string, SlugState>> {
  const { rows } = await db.query<{ slug: string; generation: string | null; withdrawn: boolean }>(
    'select slug, generation, withdrawn_at is not null as withdrawn from performances where slug = any($1::text[])',
    [slugs],
  );
  return new Map(rows.map((row) => [row.slug, { generation: row.generation, withdrawn: row.withdrawn }]));
}

/** Those of the generations that were replaced or withdrawn. */
export async function retiredAmong(db: Queryable, generations: readonly string[]): Promise<Set<string>> {
  if (generations.length === 0) return new Set();
  const { rows } = await db.query<{ generation: string }>(
    'select generation from retired_generations where generation = any($1::uuid[])',
    [generations],
  );
  return new Set(rows.map((row) => row.generation));
}

export async function applyGenerationChange(db: Queryable, change: GenerationChange): Promise<void> {
  if (change.kind === 'adopt') {
    await db.query('update performances set generation = $2 where slug = $1 and generation is null', [change.slug, change.generation]);
    await db.query('update orders set generation = $2 where slug = $1 and generation is null', [change.slug, change.generation]);
    return;
  }
  if (change.kind === 'retire') {
    await retire(db, change.slug, change.generation);
    return;
  }
  if (change.retired !== null) await retire(db, change.slug, change.retired);
  // Sequences start again at 1: nothing of the performance before may outrank them.
  await db.query(
    `update performances
     set generation = $2, withdrawn_at = null, title = null, venue = null, starts_at = null, ends_at = null,
         sale_opens_at = null, lowest_price = null, currency = null, total_seats = null, url = null,
         info_sequence = null, remaining = null, remaining_sequence = 0
     where slug = $1`,
    [change.slug, change.generation],
  );
}

/**
 * Takes a deleted performance off the listing, and keeps its late events off it. A row that
 * names no generation was written by the deleted performance too: a slug has one live
 * deployment, and every performance deployed since events named generations names one.
 */
export async function withdrawGeneration(db: Queryable, slug: string, generation: string): Promise<void> {
  await retire(db, slug, generation);
  await db.query(
    `update performances set withdrawn_at = now()
     where slug = $1 and (generation = $2 or generation is null) and withdrawn_at is null`,
    [slug, generation],
  );
}

async function retire(db: Queryable, slug: string, generation: string): Promise<void> {
  await db.query('insert into retired_generations (generation, slug) values ($2, $1) on conflict (generation) do nothing', [slug, generation]);
}
