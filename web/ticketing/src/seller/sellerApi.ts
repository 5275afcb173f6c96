import { request, requestBlob, showPath } from '../api/client';
import type { PerformanceInfo, Seat, SeatMap, ShowDetails } from '../api/show';

export type { PerformanceInfo, Seat, SeatMap };

/** GET /e/{slug}/event as the seller sees it after registering or modifying. */
export interface SellerShow extends ShowDetails {
  currency: string;
  totalSeats: number;
  version: number;
}

/** One section of identical rows, numbered 1…rows (R23). */
export interface SectionInput {
  name: string;
  grade: string;
  price: number;
  rows: number;
  seatsPerRow: number;
}

/** One seat of an explicit seat list (R23). */
export interface ExplicitSeatInput {
  section: string;
  row: string;
  number: number;
  grade: string;
  price: number;
}

export interface SeatMapInput {
  sections?: SectionInput[];
  seats?: ExplicitSeatInput[];
}


export type ApplyBody = PerformanceInfo & { seatMap: SeatMapInput };
export type ModifyBody = Partial<PerformanceInfo> & { seatMap?: SeatMapInput };

/** GET /e/{slug}/bookers (R25). */
export interface Booker {
  orderId: string;
  buyerId: string;
  /** null once the buyer deleted the account. */
  buyerEmail: string | null;
  buyerName: string | null;
  seats: string[];
  amount: number;
  refundedAmount: number;
  currency: string;
  orderStatus: string;
  paymentId: string;
  paymentStatus: string;
  paidAt: string;
}

/** GET /e/{slug}/sales (R26); amounts in minor units of `currency`, days in UTC. */
export interface Sales {
  currency: string;
  totals: {
    seats: number;
    sold: number;
    held: number;
    available: number;
    revenue: number;
    refunds: { count: number; amount: number };
  };
  grades: Array<{ grade: string; total: number; sold: number; held: number; available: number; revenue: number }>;
  byDay: Array<{ date: string; orders: number; tickets: number; revenue: number; refunds: number; refundedAmount: number }>;
}

export function fetchSellerShow(slug: string, signal?: AbortSignal): Promise<SellerShow> {
  return request<SellerShow>('GET', showPath(slug, '/event'), { signal });
}

export function fetchSeatMap(slug: string, signal?: AbortSignal): Promise<SeatMap> {
  return request<SeatMap>('GET', showPath(slug, '/seats'), { signal });
}

export function applyPerformance(slug: string, token: string, body: ApplyBody): Promise<SellerShow> {
  return request<SellerShow>('POST', showPath(slug, '/apply'), { token, body });
}

export function modifyPerformance(slug: string, token: string, body: ModifyBody): Promise<SellerShow> {
  return request<SellerShow>('PUT', showPath(slug, '/modify'), { token, body });
}

export function fetchBookers(slug: string, token: string, signal?: AbortSignal): Promise<Booker[]> {
  return request<Booker[]>('GET', showPath(slug, '/bookers'), { token, signal });
}

/** The bookers as the service's CSV file. */
export function fetchBookersCsv(slug: string, token: string): Promise<Blob> {
  return requestBlob(showPath(slug, '/bookers?format=csv'), { token, accept: 'text/csv' });
}

export function fetchSales(slug: string, token: string, signal?: AbortSignal): Promise<Sales> {
  return request<Sales>('GET', showPath(slug, '/sales'), { token, signal });
}
