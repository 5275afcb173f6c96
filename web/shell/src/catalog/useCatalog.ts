import { useEffect, useState } from 'react';
import { fetchEvents, type CatalogEvent } from './catalogApi';

const SEARCH_DELAY_MS = 250;

type CatalogState =
  | { status: 'loading'; events: CatalogEvent[] }
  | { status: 'ready'; events: CatalogEvent[] }
  | { status: 'failed'; events: CatalogEvent[] };

/** The catalog for a search text; waits for typing to pause and drops stale answers. */
export function useCatalog(query: string, attempt: number): CatalogState {
  const [state, setState] = useState<CatalogState>({ status: 'loading', events: [] });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', events: previous.events }));
    const timer = setTimeout(() => {
      fetchEvents(query.trim(), controller.signal).then(
        (events) => setState({ status: 'ready', events }),
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          console.error('Catalog request failed', failure);
          setState({ status: 'failed', events: [] });
        },
      );
    }, query ? SEARCH_DELAY_MS : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, attempt]);

  return state;
}
