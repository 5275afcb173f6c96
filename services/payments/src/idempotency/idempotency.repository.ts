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

/** Claims a key with one conditional write; true when this request now holds it. */
export async function claimKey(db: Queryable, ref: KeyRef, fingerprint: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into idempotency_keys (api_key_id, key, fingerprint, status, lock_id)
     values ($1, $2, $3, 'processing', $4)
     on conflict (api_key_id, key) do update set lock_id = excluded.lock_id, locked_at = now()
       where idempotency_keys.status = 'processing'
         and idempotency_keys.fingerprint = excluded.fingerprint
         and idempotency_keys.locked_at < now() - interval '${ABANDONED_AFTER}'`,
    [ref.apiKeyId, ref.key, fingerprint, ref.lockId],
  );
  return rowCount === 1;
}

export async function findKey(db: Queryable, apiKeyId: string, key: string): Promise<StoredKey | null> {
  const { rows } = await db.query<StoredKey>(
    `select fingerprint, status, response_status, response_body from idempotency_keys
     where api_key_id = $1 and key = $2`,
    [apiKeyId, key],
  );
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

/** Frees a key whose request failed, so that a retry runs again. */
export async function releaseKey(db: Queryable, ref: KeyRef): Promise<void> {
  await db.query(
    `delete from idempotency_keys where api_key_id = $1 and key = $2 and lock_id = $3 and status = 'processing'`,
    [ref.apiKeyId, ref.key, ref.lockId],
  );
}
