import { useEffect, useState } from 'react';
import { fetchSections, type SectionSummary } from '../api/show';

export type SectionsState =
  | { status: 'loading' }
  | { status: 'ready'; sections: SectionSummary[] }
  | { status: 'failed' };

/**
 * The sections of a large venue's map with their seats left; read again whenever `reread`
 * changes (the page passes the section shown, so the counts are fresh when the buyer moves).
 * Off (and never read) when `enabled` is false.
 */
export function useSections(slug: string, enabled: boolean, reread: unknown): SectionsState {
  const [state, setState] = useState<SectionsState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    fetchSections(slug, controller.signal).then(
      (sections) => setState({ status: 'ready', sections }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        console.error('Sections request failed', failure);
        setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed' }));
      },
    );
    return () => controller.abort();
  }, [slug, enabled, reread]);
  return state;
}
