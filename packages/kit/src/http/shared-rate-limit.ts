import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Pool } from '../db/pool.js';
import { DomainError, ErrorCode } from '../errors/domain-error.js';

/**
 * The table a service's limits are counted in, in its own schema; its migrations create it as
 * rate-limiter-flexible reads it: `key varchar(255) primary key, points integer not null default 0, expire bigint`.
 */
export const RATE_LIMITS_TABLE = 'rate_limits';

export interface RateLimitOptions {
  /** Tells this limit's keys from the others' in the table. */
  name: string;
  /** Attempts per key within the window. */
  points: number;
  windowSeconds: number;
  /** The problem a refused attempt gets (429, with Retry-After). */
  refusal: (retryAfterSeconds: number) => { reason: string; detail: string };
}

/**
 * A limit on attempts per key that every replica of the service shares: counted in the
 * service's database, so N replicas allow what one does. Keys are stored hashed (an email is
 * a key for log-in), never as given.
 */
export class SharedRateLimit {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: Pool, private readonly options: RateLimitOptions) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: options.name,
      points: options.points,
      duration: options.windowSeconds,
    });
  }

  /** Spends an attempt of `key`; over the limit, a 429 problem with Retry-After. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(hashed(key));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      const { reason, detail } = this.options.refusal(retryAfter);
      throw new DomainError(ErrorCode.RATE_LIMITED, detail, { reason, headers: { 'retry-after': String(retryAfter) }, extra: { retryAfter } });
    }
  }

  /** Gives an attempt back (one that could not be checked); best effort. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(hashed(key)).catch(() => undefined);
  }
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url');
