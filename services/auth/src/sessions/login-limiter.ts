import { SharedRateLimit, type Pool } from '@clove/kit';

export interface LoginLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

const refusal = (retryAfter: number) => ({ reason: 'TOO_MANY_LOGIN_ATTEMPTS', detail: `Too many log-in attempts; try again in ${retryAfter} s.` });

/**
 * Limits log-in attempts per email and per client IP, over every auth replica (counted in the
 * database); over the limit → 429 with Retry-After.
 */
export class LoginLimiter {
  private readonly byEmail: SharedRateLimit;
  private readonly byIp: SharedRateLimit;

  constructor(pool: Pool, limits: LoginLimits) {
    this.byEmail = new SharedRateLimit(pool, { name: 'login-email', points: limits.perEmail, windowSeconds: limits.windowSeconds, refusal });
    this.byIp = new SharedRateLimit(pool, { name: 'login-ip', points: limits.perIp, windowSeconds: limits.windowSeconds, refusal });
  }

  /** Both checks run to the end before the attempt is answered, so none is still under way (and counts) after a refusal. */
  async consume(email: string, ip: string): Promise<void> {
    const checks = await Promise.allSettled([this.byIp.consume(ip), this.byEmail.consume(email.toLowerCase())]);
    const refused = checks.find((check) => check.status === 'rejected');
    if (refused) throw refused.reason;
  }

  /**
   * Gives back an attempt that could not be checked (the database was down): a buyer who kept
   * trying through an outage is not locked out once it ends.
   */
  async giveBack(email: string, ip: string): Promise<void> {
    await Promise.all([this.byIp.giveBack(ip), this.byEmail.giveBack(email.toLowerCase())]);
  }
}
