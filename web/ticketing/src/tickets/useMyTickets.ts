import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMyOrders, fetchMyTickets, type MyOrder, type MyTicket } from '../api/tickets';

export type MyTicketsState =
  | { status: 'loading' | 'failed'; tickets: MyTicket[]; orders: MyOrder[] }
  | { status: 'ready'; tickets: MyTicket[]; orders: MyOrder[] };

/** The buyer's tickets and orders from the catalog; `refresh` loads them again. */
export function useMyTickets(token: string | null) {
  const [state, setState] = useState<MyTicketsState>({ status: 'loading', tickets: [], orders: [] });
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  // The token changes on every background refresh of the session; that alone is no reason
  // to load the lists again.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const signedIn = token !== null;

  useEffect(() => {
    const token = tokenRef.current;
    if (!token) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: 'loading' }));
    Promise.all([fetchMyTickets(token, controller.signal), fetchMyOrders(token, controller.signal)]).then(
      ([tickets, orders]) => setState({ status: 'ready', tickets, orders }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        console.error('Ticket list request failed', failure);
        setState((previous) => ({ ...previous, status: 'failed' }));
      },
    );
    return () => controller.abort();
  }, [attempt, signedIn]);

  return { ...state, refresh };
}
