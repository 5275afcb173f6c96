import { useEffect, useState } from 'react';
import { fetchShow, type ShowDetails } from '../api/show';
import { statusOf } from '../api/problem';

export type ShowState =
  | { status: 'loading' }
  | { status: 'ready'; show: ShowDetails }
  | { status: 'missing' }
  | { status: 'failed' };

/** The performance's details; `missing` when it is not registered. */
export function useShow(slug: string, attempt: number): ShowState {
  const [state, setState] = useState<ShowState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchShow(slug, controller.signal).then(
      (show) => setState({ status: 'ready', show }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const status = statusOf(failure);
        if (status !== 404) console.error('Performance request failed', failure);
        setState({ status: status === 404 ? 'missing' : 'failed' });
      },
    );
    return () => controller.abort();
  }, [slug, attempt]);
  return state;
}
