import { request, showPath } from './client';

export type SeatState = 'available' | 'held' | 'sold';

export interface GradeSummary {
  grade: string;
  price: number;
  total: number;
  remaining: number;
}

/** What a seller registers about a performance, beside its seat map. */
export interface PerformanceInfo {
  title: string;
  description: string;
  performers: string[];
  venue: string;
  startsAt: string;
  endsAt: string;
  saleOpensAt: string | null;
}

/** GET /e/{slug}/event. Prices are minor units of `currency`. */
export interface ShowDetails extends PerformanceInfo {
  slug: string;
  totalSeats?: number;
  currency?: string;
  grades?: GradeSummary[];
  maxSeatsPerBuyer?: number;
  holdSeconds?: number;
}

export interface Seat {
  id: string;
  section: string;
  row: string | number;
  number: number;
  grade: string;
  price: number;
  state: SeatState;
}

export interface SeatMap {
  seats: Seat[];
  remaining: Record<string, number>;
}

/** GET /e/{slug}/seats/sections: a section, its seats, those available and its lowest price. */
export interface SectionSummary {
  name: string;
  seats: number;
  available: number;
  lowestPrice: number;
}

export interface Hold {
  holdId: string;
  seatIds: string[];
  expiresAt: string;
}

/**
 * A hold with its seats at the prices it is paid at: as GET /buyticket/holds/current tells it
 * (the map shown may not have them), or as the buyer saw them when holding. A seller may reprice
 * a held seat meanwhile (R24); its holder still pays the price it had.
 */
export interface LiveHold extends Hold {
  seats: { id: string; section: string; row: string; number: number; grade: string; price: number }[];
}

export interface Card {
  number: string;
  expiry: string;
  cvc: string;
}

export interface Purchase {
  order: { id: string; status: string; amount: number };
  tickets: { id: string; seatId: string; code: string }[];
}

export function fetchShow(slug: string, signal?: AbortSignal): Promise<ShowDetails> {
  return request<ShowDetails>('GET', showPath(slug, '/event'), { signal });
}

/** `?section=S` for one section of the map; nothing for the whole map. */
const sectionQuery = (section?: string) => (section === undefined ? '' : `?section=${encodeURIComponent(section)}`);

/** The whole seat map, or one section of it. */
export function fetchSeats(slug: string, signal?: AbortSignal, section?: string): Promise<SeatMap> {
  return request<SeatMap>('GET', showPath(slug, `/seats${sectionQuery(section)}`), { signal });
}

export function fetchSections(slug: string, signal?: AbortSignal): Promise<SectionSummary[]> {
  return request<{ sections: SectionSummary[] }>('GET', showPath(slug, '/seats/sections'), { signal }).then((body) => body.sections);
}

/** The live seat changes of the whole map, or of one section. */
export function seatStreamUrl(slug: string, section?: string): string {
  return showPath(slug, `/seats/stream${sectionQuery(section)}`);
}

export function holdSeats(slug: string, token: string, seatIds: string[]): Promise<Hold> {
  return request<Hold>('POST', showPath(slug, '/buyticket/holds'), { token, body: { seatIds } });
}

/** The buyer's live hold on this performance, if any (a reloaded page carries on with checkout). */
export function fetchCurrentHold(slug: string, token: string, signal?: AbortSignal): Promise<LiveHold | null> {
  return request<{ hold: LiveHold | null }>('GET', showPath(slug, '/buyticket/holds/current'), { token, signal }).then((body) => body.hold);
}

export function releaseHold(slug: string, token: string, holdId: string): Promise<void> {
  return request<void>('DELETE', showPath(slug, `/buyticket/holds/${encodeURIComponent(holdId)}`), { token });
}

export function payForHold(slug: string, token: string, holdId: string, card: Card, idempotencyKey: string): Promise<Purchase> {
  return request<Purchase>('POST', showPath(slug, '/buyticket/orders'), {
    token,
    body: { holdId, card },
    headers: { 'idempotency-key': idempotencyKey },
  });
}
