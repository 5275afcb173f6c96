import { useCallback, useEffect, useState } from 'react';
import { statusOf } from '../api/problem';
import { fetchSeatMap, fetchSellerShow, type Seat, type SellerShow } from './sellerApi';

export type SellerShowState =
  | { status: 'loading' }
  | { status: 'registered'; show: SellerShow; seats: Seat[] }
  | { status: 'unregistered' }
  | { status: 'failed'; failure: unknown };

/** The performance and its seat map; `unregistered` while the service answers 404. */
export function useSellerShow(slug: string) {
  const [state, setState] = useState<SellerShowState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchSellerShow(slug, controller.signal), fetchSeatMap(slug, controller.signal)]).then(
      ([show, map]) => setState({ status: 'registered', show, seats: map.seats }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        if (statusOf(failure) === 404) setState({ status: 'unregistered' });
        else setState({ status: 'failed', failure });
      },
    );
    return () => controller.abort();
  }, [slug, attempt]);

  return { state, reload };
}
