import { randomUUID } from 'node:crypto';
import { request } from './http.js';

export const GOOD_CARD = { number: '4242 4242 4242 4242', expiry: '12/39', cvc: '123' };
export const DECLINED_CARD = { number: '4000000000000002', expiry: '12/39', cvc: '123' };

/** Pays a hold at a performance's base URL (…/e/<slug>), with a fresh idempotency key unless given. */
export function pay(base: string, token: string, holdId: string, card = GOOD_CARD, key: string = randomUUID()) {
  return request('POST', `${base}/buyticket/orders`, { token, body: { holdId, card }, headers: { 'idempotency-key': key } });
}
