import { createHash, timingSafeEqual } from 'node:crypto';

const MIN_LENGTH = 16;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Static secrets that services present to each other as `Authorization: Bearer <token>`
 * (e.g. event publishers to the catalog). Digests of equal length are compared in constant
 * time against every secret, so neither a token's length nor which secret it resembles shows
 * in the timing.
 */
export class StaticTokens {
  private readonly digests: Buffer[];

  /** @param spec comma-separated secrets, each at least 16 characters; `what` names them in errors. */
  constructor(spec: string, what = 'Service tokens') {
    const tokens = spec.split(',').map((s) => s.trim()).filter(Boolean);
    if (tokens.length === 0 || tokens.some((t) => t.length < MIN_LENGTH)) {
      throw new Error(`${what} must be ${MIN_LENGTH} characters or more, at least one.`);
    }
    this.digests = tokens.map(digest);
  }

  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const given = digest(match?.[1] ?? '');
    let matched = false;
    for (const expected of this.digests) matched = timingSafeEqual(expected, given) || matched;
    return matched && match !== null;
  }
}
