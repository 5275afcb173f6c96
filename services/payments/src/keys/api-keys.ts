import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKey {
  /** SHA-256 of the key, hex: what is stored to scope idempotency keys. */
  id: string;
  /** The key itself, kept in memory only: it keys request fingerprints. */
  secret: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The callers' API keys, from `key,key,…`. */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(spec: string) {
    this.digests = spec.split(',').map((s) => s.trim()).filter(Boolean).map(digest);
  }

  /**
   * The key an `Authorization: Bearer <key>` header carries, or null. Digests of equal
   * length are compared with every configured key, so timing tells nothing about the keys.
   */
  identify(authorization: string | undefined): ApiKey | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return null;
    const given = digest(match[1]!);
    let found = false;
    for (const expected of this.digests) found = timingSafeEqual(expected, given) || found;
    return found ? { id: given.toString('hex'), secret: match[1]! } : null;
  }
}
