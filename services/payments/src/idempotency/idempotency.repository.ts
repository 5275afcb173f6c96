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
// cost PostgreSQL as much as running them.

/** Claims a key with one conditional write; true when this request now holds it. */
export async function claimKey(db: Queryable, ref: KeyRef, fingerprint: string): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'idempotency.claim',
    text: `insert into idempotency_keys (api_key_id, key, fingerprint, status, lock_id)
     values ($1, $2, $3, 'processing', $4)
     on conflict (api_key_id, key) do update set lock_id = excluded.lock_id, locked_at = now()
       where idempotency_keys.status = 'processing'
         and idempotency_keys.fingerprint = excluded.fingerprint
         and idempotency_keys.locked_at < now() - interval '${ABANDONED_AFTER}'`,
    values: [ref.apiKeyId, ref.key, fingerprint, ref.lockId],
  });
  return rowCount === 1;
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

/** The first parameter number a write joined to `completeKeyWith` uses ($1–$5 are the key's). */
export const WRITE_PARAMS_FROM = 6;

/** A single insert that must commit together with the stored answer. */
export interface JoinedWrite {
  /** Names the insert: the joined statement is prepared once per connection under it. */
  name: string;
  /**
   * `insert into … select $6, $7, … from completed`: `completed` has one row when this
   * request's claim still holds and none otherwise, so the insert happens only with the answer.
   */
  insert: string;
  values: unknown[];
}

/**
 * Stores the answer and does the request's write in one statement (one round trip, one
 * commit); false, with nothing written, when the claim was lost (taken over as abandoned).
 */
export async function completeKeyWith(db: Queryable, ref: KeyRef, statusCode: number, body: unknown, write: JoinedWrite): Promise<boolean> {
  const { rows } = await db.query<{ completed: number }>({
    name: `idempotency.complete-with-${write.name}`,
    text: `with completed as (
       update idempotency_keys
       set status = 'completed', response_status = $4, response_body = $5, completed_at = now()
       where api_key_id = $1 and key = $2 and lock_id = $3 and status = 'processing'
       returning 1),
     written as (${write.insert} returning 1)
     select (select count(*) from completed)::int as completed`,
    values: [ref.apiKeyId, ref.key, ref.lockId, statusCode, JSON.stringify(body), ...write.values],
  });
  return rows[0]!.completed === 1;
}

/** Frees a key whose request failed, so that a retry runs again. */
export async function releaseKey(db: Queryable, ref: KeyRef): Promise<void> {
  await db.query(
    `delete from idempotency_keys where api_key_id = $1 and key = $2 and lock_id = $3 and status = 'processing'`,
    [ref.apiKeyId, ref.key, ref.lockId],
  );
}
