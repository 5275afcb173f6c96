import type { Messages } from '../../i18n';
import type { FieldErrors } from '../fieldErrors';
import type { PerformanceInfo, SellerShow } from '../sellerApi';

/** The performance's information as typed; times are datetime-local values (local time). */
export interface InfoDraft {
  title: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  saleOpensAt: string;
  /** One performer a line. */
  performers: string;
  description: string;
}

export type InfoField = keyof InfoDraft;

export const EMPTY_INFO: InfoDraft = { title: '', venue: '', startsAt: '', endsAt: '', saleOpensAt: '', performers: '', description: '' };

// The service's limits (services/ticketing/src/performance/performance.schemas.ts).
const MAX = { title: 200, venue: 200, description: 5000, performer: 100, performers: 50 } as const;

export const infoFieldId = (field: InfoField) => `info-${field}`;

/** 2026-05-01T19:30:00.000Z → "2026-05-01T04:30" or whatever the local time is. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time) as an RFC 3339 instant, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function infoFromShow(show: SellerShow): InfoDraft {
  return {
    title: show.title,
    venue: show.venue,
    startsAt: toLocalInput(show.startsAt),
    endsAt: toLocalInput(show.endsAt),
    saleOpensAt: toLocalInput(show.saleOpensAt),
    performers: show.performers.join('\n'),
    description: show.description,
  };
}

const performerList = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/**
 * The same rules as the service: required fields, lengths, a start still to come (unless it is
 * the one registered, or the performance has started), start before end, sale before start.
 */
export function checkInfo(draft: InfoDraft, t: Messages['seller']['info'], stored: SellerShow | null = null, now = Date.now()): FieldErrors {
  const errors: FieldErrors = {};
  const fail = (field: InfoField, message: string) => (errors[infoFieldId(field)] ??= message);
  for (const field of ['title', 'venue'] as const) {
    const value = draft[field].trim();
    if (!value) fail(field, t.required);
    else if (value.length > MAX[field]) fail(field, t.tooLong(MAX[field]));
  }
  if (draft.description.length > MAX.description) fail('description', t.tooLong(MAX.description));
  const performers = performerList(draft.performers);
  if (performers.length > MAX.performers) fail('performers', t.tooManyPerformers(MAX.performers));
  if (performers.some((name) => name.length > MAX.performer)) fail('performers', t.performerTooLong(MAX.performer));

  const startsAt = fromLocalInput(draft.startsAt);
  const endsAt = fromLocalInput(draft.endsAt);
  const saleOpensAt = fromLocalInput(draft.saleOpensAt);
  if (!startsAt) fail('startsAt', t.required);
  if (!endsAt) fail('endsAt', t.required);
  if (draft.saleOpensAt && !saleOpensAt) fail('saleOpensAt', t.badTime);
  const moved = !stored || draft.startsAt !== toLocalInput(stored.startsAt);
  const started = stored !== null && Date.parse(stored.startsAt) <= now;
  if (startsAt && moved && !started && Date.parse(startsAt) <= now) fail('startsAt', t.startInPast);
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) fail('endsAt', t.endBeforeStart);
  if (startsAt && saleOpensAt && Date.parse(saleOpensAt) >= Date.parse(startsAt)) fail('saleOpensAt', t.saleAfterStart);
  return errors;
}

/**
 * The body's information fields; call after checkInfo found nothing. A time left as registered is
 * sent as registered: the inputs show minutes, and its seconds must not be lost to an edit of
 * another field.
 */
export function toInfo(draft: InfoDraft, stored: SellerShow | null = null): PerformanceInfo {
  const time = (field: 'startsAt' | 'endsAt' | 'saleOpensAt') =>
    stored && draft[field] === toLocalInput(stored[field]) ? stored[field] : fromLocalInput(draft[field]);
  return {
    title: draft.title.trim(),
    venue: draft.venue.trim(),
    startsAt: time('startsAt') ?? '',
    endsAt: time('endsAt') ?? '',
    saleOpensAt: time('saleOpensAt'),
    performers: performerList(draft.performers),
    description: draft.description.trim(),
  };
}

/** The input of a server error path such as /body/venue. */
export function infoFieldOf(path: string): string | null {
  const field = /^\/body\/(title|venue|startsAt|endsAt|saleOpensAt|performers|description)\b/.exec(path)?.[1];
  return field ? infoFieldId(field as InfoField) : null;
}
