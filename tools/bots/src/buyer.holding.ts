import type { BuyerContext } from './buyer.context.js';
import type { BuyerPlan } from './buyer.plan.js';

/** How many available seats a buyer reads: a page, never the whole map. */
export const SEAT_PAGE = 50;
const HOLD_RETRIES = 3;

export interface Hold {
  holdId: string;
  seatIds: string[];
}

type SeatsPage = { seats: Array<{ id: string }> };
type Problem = { code?: string; seats?: string[] };

/** Reads the first page of available seats ("best first"); null if the read failed. */
async function readAvailable(ctx: BuyerContext): Promise<string[] | null> {
  const result = await ctx.http.send('GET', `${ctx.target}/seats?state=available&limit=${SEAT_PAGE}`);
  ctx.recorder.record('seats', result.status, result.ms, result.error);
  if (result.status !== 200) return null;
  return (result.body as SeatsPage).seats.map((s) => s.id);
}

/**
 * Chooses seats: hot buyers first try the first available seats of the page they read, so
 * they collide with each other; the others draw at random from what the bots believe is
 * free. After a 409 a hot buyer tries neighbouring seats somewhere among the best ones still
 * free (not all the same next ones in lockstep), skipping the seats named taken.
 */
function choose(ctx: BuyerContext, plan: BuyerPlan, page: string[], taken: ReadonlySet<string>, attempt: number): string[] {
  if (!plan.hot) {
    const drawn = ctx.board.draw(ctx.random, plan.seats, taken);
    if (drawn.length > 0) return drawn;
  }
  if (attempt > 0) {
    const near = ctx.board.nearBest(ctx.random, plan.seats, ctx.hotSpread, taken);
    if (near.length > 0) return near;
  }
  return page.filter((id) => !taken.has(id)).slice(0, plan.seats);
}

/** Holds 1..max seats, retrying with other seats after a 409; null if no seats could be held. */
export async function holdSeats(ctx: BuyerContext, plan: BuyerPlan, token: string): Promise<Hold | 'failed' | null> {
  let page = await readAvailable(ctx);
  if (!page) return 'failed';
  const taken = new Set<string>();
  for (let attempt = 0; attempt <= HOLD_RETRIES; attempt++) {
    let seatIds = choose(ctx, plan, page, taken, attempt);
    if (seatIds.length === 0) {
      // The page is used up: read the seats again, once per attempt.
      page = await readAvailable(ctx);
      if (!page) return 'failed';
      seatIds = choose(ctx, plan, page, taken, 0);
      if (seatIds.length === 0) return null; // sold out
    }
    const result = await ctx.http.send('POST', `${ctx.target}/buyticket/holds`, { token, body: { seatIds } });
    ctx.recorder.record('hold', result.status, result.ms, result.error);
    if (result.status === 201) {
      const hold = result.body as Hold;
      for (const id of hold.seatIds) ctx.board.remove(id);
      return hold;
    }
    const problem = result.body as Problem | undefined;
    if (result.status !== 409 || problem?.code !== 'SEATS_TAKEN') return 'failed';
    for (const id of problem.seats ?? seatIds) {
      taken.add(id);
      ctx.board.remove(id);
    }
  }
  return null;
}
