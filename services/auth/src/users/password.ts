import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum the compiler cannot inline across packages). */
const ARGON2ID = 2 as Algorithm;

/** OWASP's recommended Argon2id settings: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password, ARGON2).catch(() => false);
}

/**
 * A hash of a random secret, verified when a log-in names an unknown email so that the answer
 * takes as long as for a known one (no user enumeration by timing).
 */
export function makeDecoyHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'));
}
