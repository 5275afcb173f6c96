import type { Random } from './random.seeded.js';

/**
 * What the bots together believe is available, learnt from the one full seat map read at the
 * start (in the API's best-first order) and from their own holds, releases, refunds and 409s.
 * Random buyers draw from it, and hot buyers who lost a race look further down it, so nobody
 * downloads the map. Add, remove and a random draw are O(1): an array plus each id's index in
 * it. The best seats are found by rank, in blocks of BLOCK ranks that count their available
 * seats, so a search skips the sold-out front of the house a block at a time.
 */
const BLOCK = 64;

export class SeatBoard {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly order: string[];
  private readonly rank = new Map<string, number>();
  /** 1 where the seat of that rank is believed available. */
  private readonly availableByRank: Uint8Array;
  /** Seats believed available per block of ranks. */
  private readonly availableInBlock: Int32Array;

  constructor(bestFirst: readonly string[]) {
    this.order = [...bestFirst];
    this.order.forEach((id, i) => this.rank.set(id, i));
    this.availableByRank = new Uint8Array(this.order.length);
    this.availableInBlock = new Int32Array(Math.ceil(this.order.length / BLOCK));
    for (const id of bestFirst) this.add(id);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  add(id: string): void {
    if (this.index.has(id)) return;
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.mark(id, 1);
  }

  remove(id: string): void {
    const at = this.index.get(id);
    if (at === undefined) return;
    const last = this.ids.pop()!;
    if (last !== id) {
      this.ids[at] = last;
      this.index.set(last, at);
    }
    this.index.delete(id);
    this.mark(id, 0);
  }

  private mark(id: string, available: 0 | 1): void {
    const rank = this.rank.get(id);
    if (rank === undefined || this.availableByRank[rank] === available) return;
    this.availableByRank[rank] = available;
    this.availableInBlock[Math.floor(rank / BLOCK)]! += available ? 1 : -1;
  }

  /** Up to `count` distinct ids believed available, none of them in `avoid`. */
  draw(random: Random, count: number, avoid: ReadonlySet<string>): string[] {
    const picked = new Set<string>();
    for (let tries = 0; picked.size < count && tries < count * 20 && this.ids.length > 0; tries++) {
      const id = this.ids[random.below(this.ids.length)]!;
      if (!avoid.has(id)) picked.add(id);
    }
    return [...picked];
  }

  /**
   * `count` neighbouring seats somewhere among the best `spread` seats believed available:
   * what a buyer who just lost the best seats does next.
   */
  nearBest(random: Random, count: number, spread: number, avoid: ReadonlySet<string>): string[] {
    const best: string[] = [];
    for (let block = 0; block < this.availableInBlock.length && best.length < spread; block++) {
      if (this.availableInBlock[block] === 0) continue;
      const end = Math.min(this.order.length, (block + 1) * BLOCK);
      for (let rank = block * BLOCK; rank < end && best.length < spread; rank++) {
        const id = this.order[rank]!;
        if (this.availableByRank[rank] && !avoid.has(id)) best.push(id);
      }
    }
    const start = random.below(Math.max(1, best.length - count + 1));
    return best.slice(start, start + count);
  }
}
