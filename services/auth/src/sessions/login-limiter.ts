import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '@clove/kit';

export interface LoginLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

/** Limits log-in attempts per email and per client IP; over the limit → 429 with Retry-After. */
export class LoginLimiter {
  private readonly byEmail: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(limits: LoginLimits) {
    this.byEmail = new RateLimiterMemory({ keyPrefix: 'email', points: limits.perEmail, duration: limits.windowSeconds });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'ip', points: limits.perIp, duration: limits.windowSeconds });
  }

  async consume(email: string, ip: string): Promise<void> {
    try {
      await Promise.all([this.byIp.consume(ip), this.byEmail.consume(email.toLowerCase())]);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many log-in attempts; try again in ${retryAfter} s.`, {
        reason: 'TOO_MANY_LOGIN_ATTEMPTS',
        headers: { 'retry-after': String(retryAfter) },
        extra: { retryAfter },
      });
    }
  }

  /**
   * Gives back an attempt that could not be checked (the database was down): a buyer who kept
   * trying through an outage is not locked out once it ends.
   */
  async giveBack(email: string, ip: string): Promise<void> {
    await Promise.all([this.byIp.reward(ip), this.byEmail.reward(email.toLowerCase())]);
  }
}
