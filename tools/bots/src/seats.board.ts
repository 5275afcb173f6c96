import type { Random } from './random.seeded.js';

/**
 * What the bots together believe is available, learnt from the one full seat map read at the
 * start (in the API's best-first order) and from their own holds, releases, refunds and 409s.
 * Random buyers draw from it, and hot buyers who lost a race look further down it, so nobody
 * downloads the map. Add, remove and a random draw are O(1): an array plus each id's index in
 * it; `front` is the best seat that may still be available.
 */
export class SeatBoard {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly order: string[];
  private readonly rank = new Map<string, number>();
  private front = 0;

  constructor(bestFirst: readonly string[]) {
    this.order = [...bestFirst];
    this.order.forEach((id, i) => this.rank.set(id, i));
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
    const rank = this.rank.get(id);
    if (rank !== undefined && rank < this.front) this.front = rank;
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
    while (this.front < this.order.length && !this.index.has(this.order[this.front]!)) this.front++;
    const best: string[] = [];
    for (let i = this.front; i < this.order.length && best.length < spread; i++) {
      const id = this.order[i]!;
      if (this.index.has(id) && !avoid.has(id)) best.push(id);
    }
    const start = random.below(Math.max(1, best.length - count + 1));
    return best.slice(start, start + count);
  }
}
