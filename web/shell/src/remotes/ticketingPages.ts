import type { RemotePageLoader } from './authPages';

/** Pages of the storefront micro-frontend, fetched when first shown. */
export const ticketingPages = {
  show: (() => import('ticketing/ShowPage')) satisfies RemotePageLoader<{ slug: string }>,
  tickets: (() => import('ticketing/TicketsPage')) satisfies RemotePageLoader,
  seller: (() => import('ticketing/SellerShowPage')) satisfies RemotePageLoader<{ slug: string; section: 'setup' | 'bookers' | 'sales' }>,
};
