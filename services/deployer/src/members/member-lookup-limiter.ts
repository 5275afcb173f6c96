import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '@clove/kit';

/**
 * Bounds how many members one seller adds by email per hour: each answer says whether the
 * email has an account and whether it is a seller's, so unbounded adds would let a seller test
 * a list of emails. Over the limit → 429 with Retry-After. Per deployer replica, like log-in limits.
 */
export class MemberLookupLimiter {
  private readonly bySeller: RateLimiterMemory;

  constructor(perHour: number) {
    this.bySeller = new RateLimiterMemory({ keyPrefix: 'member-lookups', points: perHour, duration: 3600 });
  }

  async consume(sellerId: string): Promise<void> {
    try {
      await this.bySeller.consume(sellerId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many members added by email; try again in ${retryAfter} s.`, {
        reason: 'TOO_MANY_MEMBER_LOOKUPS',
        headers: { 'retry-after': String(retryAfter) },
        extra: { retryAfter },
      });
    }
  }
}
