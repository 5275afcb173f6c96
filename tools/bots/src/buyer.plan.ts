import type { BotOptions } from './cli.options.js';
import type { Random } from './random.seeded.js';

export const BEHAVIOURS = ['pay', 'refund', 'decline', 'abandon'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface BuyerPlan {
  behaviour: Behaviour;
  /** Goes for the best seats (collides with the other hot buyers) rather than random ones. */
  hot: boolean;
  seats: number;
  /** Pays, then sends the same payment again with the same Idempotency-Key. */
  replay: boolean;
  /** Abandoning buyers: release the hold, or walk away and let it expire. */
  releases: boolean;
}

/** `count` flags of which exactly round(count × share) are true, in random order. */
function exactShare(random: Random, count: number, share: number): boolean[] {
  const yes = Math.round(count * share);
  return random.shuffle(Array.from({ length: count }, (_, i) => i < yes));
}

/**
 * Every buyer's part, decided up front with exact shares (not a coin per buyer), so a small
 * run still has declines, refunds and collisions in the proportions asked for.
 */
export function planBuyers(options: BotOptions, random: Random): BuyerPlan[] {
  const n = options.buyers;
  const counts: Record<Behaviour, number> = {
    decline: Math.round(n * options.declineShare),
    abandon: Math.round(n * options.abandonShare),
    refund: Math.round(n * options.refundShare),
    pay: 0,
  };
  counts.pay = Math.max(0, n - counts.decline - counts.abandon - counts.refund);
  const behaviours = random.shuffle(BEHAVIOURS.flatMap((b) => Array<Behaviour>(counts[b]).fill(b))).slice(0, n);
  const hot = exactShare(random, n, options.hotShare);
  const payers = behaviours.filter((b) => b === 'pay' || b === 'refund').length;
  const replays = exactShare(random, payers, options.replayShare);
  let payer = 0;
  return behaviours.map((behaviour, i) => ({
    behaviour,
    hot: hot[i]!,
    seats: 1 + random.below(options.seatsMax),
    replay: behaviour === 'pay' || behaviour === 'refund' ? replays[payer++]! : false,
    releases: random.next() < 0.5,
  }));
}
