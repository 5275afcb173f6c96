import { useResource } from '@clove/web-kit/useResource';
import { fetchMyOrders, fetchMyTickets, type MyOrder, type MyTicket } from '../api/tickets';

export interface MyTicketsState {
  status: 'loading' | 'failed' | 'ready';
  tickets: MyTicket[];
  orders: MyOrder[];
  refresh: () => void;
}

/** The buyer's tickets and orders from the catalog; `refresh` loads them again. */
export function useMyTickets(token: string | null): MyTicketsState {
  const lists = useResource(
    (signal) => Promise.all([fetchMyTickets(token ?? '', signal), fetchMyOrders(token ?? '', signal)]),
    { key: token === null ? null : 'signed-in' },
  );
  const [tickets, orders] = lists.data ?? [[], []];
  const status = lists.loading ? 'loading' : lists.failure ? 'failed' : 'ready';
  return { status, tickets, orders, refresh: lists.refresh };
}
