import { SharedRateLimit, type Pool } from '@clove/kit';

/**
 * Bounds how many members one seller adds by email per hour: each answer says whether the
 * email has an account and whether it is a seller's, so unbounded adds would let a seller test
 * a list of emails. Counted in the database, so every deployer replica shares the limit; over
 * it → 429 with Retry-After.
 */
export class MemberLookupLimiter {
  private readonly bySeller: SharedRateLimit;

  constructor(pool: Pool, perHour: number) {
    this.bySeller = new SharedRateLimit(pool, {
      name: 'member-lookups',
      points: perHour,
      windowSeconds: 3600,
      refusal: (retryAfter) => ({ reason: 'TOO_MANY_MEMBER_LOOKUPS', detail: `Too many members added by email; try again in ${retryAfter} s.` }),
    });
  }

  consume(sellerId: string): Promise<void> {
    return this.bySeller.consume(sellerId);
  }
}
