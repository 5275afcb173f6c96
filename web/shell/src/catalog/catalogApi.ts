/** One performance in the platform-wide catalog (GET /catalog/events). */
export interface CatalogEvent {
  slug: string;
  title: string;
  venue: string;
  startsAt: string;
  /** Minor units of the currency; null when no seat is priced yet. */
  lowestPrice: number | null;
  remaining: number;
  url: string;
}

export class CatalogUnavailable extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(detail || `The catalog answered ${status}.`);
    this.name = 'CatalogUnavailable';
  }
}

export async function fetchEvents(query: string, signal: AbortSignal): Promise<CatalogEvent[]> {
  const search = query ? `?q=${encodeURIComponent(query)}` : '';
  const response = await fetch(`/catalog/events${search}`, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: unknown } | null;
    throw new CatalogUnavailable(response.status, typeof problem?.detail === 'string' ? problem.detail : '');
  }
  return (await response.json()) as CatalogEvent[];
}
