import { createHash, createHmac } from 'node:crypto';
import { normalizeCardNumber } from '../cards/card.rules.js';

/** JSON with object keys sorted at every level, so equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The body with a card number replaced by the SHA-256 of its digits. */
function withoutCardNumber(body: unknown): unknown {
  const card = (body as { card?: { number?: unknown } } | null)?.card;
  if (typeof card?.number !== 'string') return body;
  const hashed = createHash('sha256').update(normalizeCardNumber(card.number)).digest('hex');
  return { ...(body as object), card: { ...card, number: hashed } };
}

/**
 * What identifies a request for idempotency: method, path and canonical body. It is keyed with
 * the caller's API key (HMAC-SHA-256) because a plain hash of a body with a card number in it
 * could be brute-forced back to the number from a database dump.
 */
export function requestFingerprint(secret: string, method: string, path: string, body: unknown): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}\n${path}\n${canonicalJson(withoutCardNumber(body ?? null))}`)
    .digest('hex');
}
