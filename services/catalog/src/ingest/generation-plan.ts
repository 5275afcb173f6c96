import { version } from 'uuid';
import type { CatalogEvent } from './event.schemas.js';

/** What the catalog holds of a slug before a batch. */
export interface SlugState {
  /** The performance listed under the slug; null for a row written before events named one. */
  generation: string | null;
  /** Its deployment was deleted: it is no longer listed. */
  withdrawn: boolean;
}

export type GenerationChange =
  /** A row written before events named a generation takes the first one named: same database, same sequences. */
  | { kind: 'adopt'; slug: string; generation: string }
  /** Another performance took the slug: its listing starts afresh, the one before is retired. */
  | { kind: 'replace'; slug: string; generation: string; retired: string | null }
  /** Late first events of a performance older than the one listed (its deployment was deleted before): kept off the listing. */
  | { kind: 'retire'; slug: string; generation: string };

export interface GenerationPlan {
  changes: GenerationChange[];
  /** The events of each slug's generation as it stands after the batch: only they change the listing. */
  listing: CatalogEvent[];
  /** The performance each event belongs to (one that names none belongs to its slug's current one). */
  generationOf: Map<CatalogEvent, string | null>;
}

/**
 * Whether generation `a` was made before `b`: both are time-ordered ids (UUIDv7, as the deployer
 * makes deployment ids), whose text sorts by time. Other ids (a performance run without the
 * deployer, deployments made before) tell nothing of their order.
 */
export function madeBefore(a: string, b: string): boolean {
  return version(a) === 7 && version(b) === 7 && a < b;
}

/**
 * Sorts a batch by the performance each event belongs to. An event of an unknown generation
 * replaces the slug's listing, unless it is known to be older than the one listed (a deleted
 * performance's events arriving late, before its withdrawal did); an event of a retired one
 * changes no listing.
 */
export function planGenerations(
  events: readonly CatalogEvent[],
  states: ReadonlyMap<string, SlugState>,
  retired: ReadonlySet<string>,
): GenerationPlan {
  const slugs = new Map([...states].map(([slug, state]) => [slug, { ...state }]));
  const gone = new Set(retired);
  const changes: GenerationChange[] = [];
  const generationOf = new Map<CatalogEvent, string | null>();
  for (const event of events) {
    let slug = slugs.get(event.slug);
    if (!slug) slugs.set(event.slug, (slug = { generation: null, withdrawn: false }));
    const named = event.generation?.toLowerCase();
    if (named === undefined || gone.has(named) || (named === slug.generation && !slug.withdrawn)) {
      generationOf.set(event, named ?? slug.generation);
      continue;
    }
    if (slug.generation !== null && madeBefore(named, slug.generation)) {
      changes.push({ kind: 'retire', slug: event.slug, generation: named });
      gone.add(named);
      generationOf.set(event, named);
      continue;
    }
    if (slug.generation === null && !slug.withdrawn) {
      changes.push({ kind: 'adopt', slug: event.slug, generation: named });
      // Unnamed events before it in the batch belong to the row it adopts.
      for (const [earlier, generation] of generationOf) if (earlier.slug === event.slug && generation === null) generationOf.set(earlier, named);
    } else {
      changes.push({ kind: 'replace', slug: event.slug, generation: named, retired: slug.generation });
      if (slug.generation !== null) gone.add(slug.generation);
    }
    slug.generation = named;
    slug.withdrawn = false;
    generationOf.set(event, named);
  }
  const listing = events.filter((event) => {
    const slug = slugs.get(event.slug)!;
    return !slug.withdrawn && generationOf.get(event) === slug.generation;
  });
  return { changes, listing, generationOf };
}
