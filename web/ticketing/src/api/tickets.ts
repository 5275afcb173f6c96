import { request, requestBlob, showPath } from './client';

type SeatLabel = string | number;

/** GET /catalog/me/tickets: the buyer's valid tickets on every performance. */
export interface MyTicket {
  id: string;
  slug: string;
  title: string;
  venue: string;
  startsAt: string;
  seatId: string;
  section: string;
  row: SeatLabel;
  number: SeatLabel;
  grade: string;
  price: number;
  code: string;
  orderId: string;
  /** Its performance no longer runs (deleted, or another took its slug): the ticket admits to nothing. */
  performanceRemoved: boolean;
}

export interface OrderTicket {
  id: string;
  seatId: string;
  section: string;
  row: SeatLabel;
  number: SeatLabel;
  grade: string;
  price: number;
  state: 'valid' | 'refunded';
}

/** GET /catalog/me/orders: every order of the buyer, newest first. */
export interface MyOrder {
  orderId: string;
  slug: string;
  title: string;
  venue: string;
  startsAt: string;
  amount: number;
  refundedAmount: number;
  currency: string;
  status: 'paid' | 'partially_refunded' | 'refunded';
  paidAt: string;
  tickets: OrderTicket[];
}

export interface Refund {
  ticket: { state: string };
  refund: { amount: number };
}

export function fetchMyTickets(token: string, signal?: AbortSignal): Promise<MyTicket[]> {
  return request<MyTicket[]>('GET', '/catalog/me/tickets', { token, signal });
}

export function fetchMyOrders(token: string, signal?: AbortSignal): Promise<MyOrder[]> {
  return request<MyOrder[]>('GET', '/catalog/me/orders', { token, signal });
}

export function fetchTicketQr(slug: string, token: string, ticketId: string, signal?: AbortSignal): Promise<Blob> {
  return requestBlob(showPath(slug, `/ticket/tickets/${encodeURIComponent(ticketId)}/qr`), { token, signal });
}

export function refundTicket(slug: string, token: string, ticketId: string): Promise<Refund> {
  return request<Refund>('POST', showPath(slug, `/ticket/tickets/${encodeURIComponent(ticketId)}/refund`), { token });
}
