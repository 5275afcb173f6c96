import assert from 'node:assert/strict';
import { logIn, type Session } from './accounts.js';
import { request } from './http.js';
import type { RunningPlatform } from './platform.js';

export const FUTURE = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
export const PAST = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * Makes the performance at `base` start: its start is moved a moment ahead (a start may not be
 * moved into the past), then this waits until the clock has passed it.
 */
export async function startPerformance(base: string, ownerToken: string): Promise<void> {
  const startsAt = new Date(Date.now() + 1_000);
  const moved = await request('PUT', `${base}/modify`, {
    token: ownerToken,
    body: { saleOpensAt: PAST(120), startsAt: startsAt.toISOString(), endsAt: FUTURE(1) },
  });
  assert.equal(moved.status, 200, moved.text);
  const wait = startsAt.getTime() - Date.now() + 1;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** The demo seller the launcher created for a performance started with --slug. */
export async function ownerOf(platform: RunningPlatform, slug: string): Promise<Session> {
  const runtime = await platform.runtime();
  const secrets = await platform.secrets();
  return logIn(platform.gateway, runtime.performances[slug]!.ownerEmail, secrets.performanceOwners[slug]);
}

/** Registers a performance with the given sections (rows × seats per row each). */
export async function applyPerformance(
  platform: RunningPlatform,
  slug: string,
  owner: string,
  sections: Array<{ name: string; grade: string; price: number; rows: number; seatsPerRow: number }>,
  extra: Record<string, unknown> = {},
) {
  const result = await request('POST', `${platform.gateway}/e/${slug}/apply`, {
    token: owner,
    body: {
      title: `Gala ${slug}`,
      description: 'An evening of music',
      performers: ['Orchestra'],
      venue: 'Seoul Arts Center',
      startsAt: FUTURE(30),
      endsAt: FUTURE(30.1),
      saleOpensAt: PAST(60),
      seatMap: { sections },
      ...extra,
    },
  });
  assert.equal(result.status, 201, result.text);
  return result.body;
}
