import type { Queryable } from '@clove/kit';

export interface KeyRef {
  apiKeyId: string;
  key: string;
  /** Names the request holding the claim; only it may complete or release the key. */
  lockId: string;
}

export interface StoredKey {
  fingerprint: string;
  status: 'processing' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * A claim left 'processing' this long belongs to a request that died without releasing it
 * (e.g. the process crashed); a retry of the same request may take it over. Its charge, if any,
 * was rolled back with it, since the charge commits together with the key's completion.
 */
const ABANDONED_AFTER = '60 seconds';

// The statements every charge runs are prepared once per connection (named): planning them
// cost PostgreSQL as much as running them. Charges (and claims) that arrive together are sent
// together (idempotency.service.ts), one statement and one commit for all of them.

/** Of the requests for one key, the first; ordered by key. */
function firstPerKeyInKeyOrder<T extends { ref: KeyRef }>(requests: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const request of requests) {
    const id = JSON.stringify([request.ref.apiKeyId, request.ref.key]);
    if (!first.has(id)) first.set(id, request);
  }
  return [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, request]) => request);
}

/** A request's claim of its key. */
export interface Claim {
  ref: KeyRef;
  fingerprint: string;
}

/**
 * Claims keys with one conditional write each, in one statement; per claim, true when its
 * request now holds the key. Of two claims of one key, only the first is tried (the second
 * would have found the key claimed anyway); keys are written in key order, so two statements
 * never wait for each other's keys in opposite orders.
 */
export async function claimKeys(db: Queryable, claims: readonly Claim[]): Promise<boolean[]> {
  const tried = firstPerKeyInKeyOrder(claims);
  const { rows } = await db.query<{ lock_id: string }>({
    name: 'idempotency.claim',
    text: `insert into idempotency_keys (api_key_id, key, fingerprint, status, lock_id)
     select c.api_key_id, c.key, c.fingerprint, 'processing', c.lock_id
     from unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) with ordinality as c(api_key_id, key, fingerprint, lock_id, n)
     order by c.n
     on conflict (api_key_id, key) do update set lock_id = excluded.lock_id, locked_at = now()
       where idempotency_keys.status = 'processing'
         and idempotency_keys.fingerprint = excluded.fingerprint
         and idempotency_keys.locked_at < now() - interval '${ABANDONED_AFTER}'
     returning lock_id`,
    values: [tried.map((c) => c.ref.apiKeyId), tried.map((c) => c.ref.key), tried.map((c) => c.fingerprint), tried.map((c) => c.ref.lockId)],
  });
  const claimed = new Set(rows.map((row) => row.lock_id));
  return claims.map((claim) => claimed.has(claim.ref.lockId));
}

export async function findKey(db: Queryable, apiKeyId: string, key: string): Promise<StoredKey | null> {
  const { rows } = await db.query<StoredKey>({
    name: 'idempotency.find',
    text: `select fingerprint, status, response_status, response_body from idempotency_keys
     where api_key_id = $1 and key = $2`,
    values: [apiKeyId, key],
  });
  return rows[0] ?? null;
}

/** Stores the answer; false when the claim was lost (taken over as abandoned). */
export async function completeKey(db: Queryable, ref: KeyRef, statusCode: number, body: unknown): Promise<boolean> {
  const { rowCount } = await db.query(
    `update idempotency_keys
     set status = 'completed', response_status = $4, response_body = $5, completed_at = now()
     where api_key_id = $1 and key = $2 and lock_id = $3 and status = 'processing'`,
    [ref.apiKeyId, ref.key, ref.lockId, statusCode, JSON.stringify(body)],
  );
  return rowCount === 1;
}

/** A payment row that is written only together with the stored answer. */
export interface JoinedWrite {
  /** Every column of payments, as jsonb_populate_record reads it. */
  row: object;
}

/** A request whose work needs nothing but its own input: its answer, and the payment row it writes. */
export interface Answered {
  ref: KeyRef;
  fingerprint: string;
  statusCode: number;
  body: unknown;
  row: object;
}

/**
 * Stores answers under their keys, with their payments, in one statement (one round trip, one
 * commit): no claim first, since there is nothing to wait for between claim and answer. Per
 * request, true when its answer is now the key's; false, with nothing written, when the key
 * already had an answer or a claim of its own (the caller reads it). A claim abandoned long ago
 * is taken over, as claimKeys does. Of two requests with one key only the first is tried, and
 * keys are written in key order so two statements never wait for each other in opposite orders.
 * Keys conflict through the primary key alone: no join with the table, whose plan could turn
 * into a scan of it.
 */
export async function storeAnswersWith(db: Queryable, requests: readonly Answered[]): Promise<boolean[]> {
  const tried = firstPerKeyInKeyOrder(requests);
  const input = tried.map((r, n) => ({
    n,
    api_key_id: r.ref.apiKeyId,
    key: r.ref.key,
    fingerprint: r.fingerprint,
    lock_id: r.ref.lockId,
    response_status: r.statusCode,
    response_body: r.body,
    row: r.row,
  }));
  const { rows } = await db.query<{ lock_id: string }>({
    name: 'idempotency.store-with-payment',
    text: `with input as (
       select * from jsonb_to_recordset($1::jsonb) as i(n integer, api_key_id text, key text, fingerprint text,
         lock_id uuid, response_status integer, response_body jsonb, row jsonb)),
     stored as (
       insert into idempotency_keys as k (api_key_id, key, fingerprint, status, lock_id, response_status, response_body, completed_at)
       select i.api_key_id, i.key, i.fingerprint, 'completed', i.lock_id, i.response_status, i.response_body, now()
       from input i order by i.n
       on conflict (api_key_id, key) do update
         set status = 'completed', lock_id = excluded.lock_id, locked_at = now(), response_status = excluded.response_status,
             response_body = excluded.response_body, completed_at = now()
         where k.status = 'processing'
           and k.fingerprint = excluded.fingerprint
           and k.locked_at < now() - interval '${ABANDONED_AFTER}'
       returning k.lock_id),
     written as (
       insert into payments
       select r.* from input i join stored s on s.lock_id = i.lock_id
         cross join lateral jsonb_populate_record(null::payments, i.row) as r
       returning 1)
     select lock_id from stored`,
    values: [JSON.stringify(input)],
  });
  const stored = new Set(rows.map((row) => row.lock_id));
  return requests.map((r) => stored.has(r.ref.lockId));
}

/** Frees a key whose request failed, so that a retry runs again. */
export async function releaseKey(db: Queryable, ref: KeyRef): Promise<void> {
  await db.query(
    `delete from idempotency_keys where api_key_id = $1 and key = $2 and lock_id = $3 and status = 'processing'`,
    [ref.apiKeyId, ref.key, ref.lockId],
  );
}
