import { useCallback, useEffect, useState } from 'react';
import { ApiError, statusOf } from '../api/problem';
import { fetchSales, fetchSeatMap, fetchSellerShow, type Seat, type SellerShow } from './sellerApi';

export type SellerShowState =
  | { status: 'loading' }
  | { status: 'registered'; show: SellerShow; seats: Seat[] }
  | { status: 'unregistered' }
  /** Nothing is deployed at this address. */
  | { status: 'missing' }
  /** Deployed, but the signed-in seller is neither its owner nor a member. */
  | { status: 'not-yours' }
  | { status: 'failed'; failure: unknown };

const codeOf = (failure: unknown) => (failure instanceof ApiError ? failure.problem.code : undefined);

/**
 * The performance and its seat map; `unregistered` while the service answers 404, `missing` when
 * no service answers at this address, `not-yours` when its seller views refuse this seller.
 */
export function useSellerShow(slug: string, token: string | undefined) {
  const [state, setState] = useState<SellerShowState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    // Whose it is, asked of a seller view; any answer but 403 leaves the decision to the rest.
    const owned = token
      ? fetchSales(slug, token, controller.signal).then(() => true, (failure: unknown) => statusOf(failure) !== 403)
      : Promise.resolve(true);
    Promise.all([fetchSellerShow(slug, controller.signal), fetchSeatMap(slug, controller.signal), owned]).then(
      ([show, map, mine]) => setState(mine ? { status: 'registered', show, seats: map.seats } : { status: 'not-yours' }),
      async (failure: unknown) => {
        if (controller.signal.aborted) return;
        if (codeOf(failure) === 'ROUTE_NOT_FOUND') setState({ status: 'missing' });
        else if (statusOf(failure) === 404) setState((await owned) ? { status: 'unregistered' } : { status: 'not-yours' });
        else setState({ status: 'failed', failure });
      },
    );
    return () => controller.abort();
  }, [slug, token, attempt]);

  return { state, reload };
}
