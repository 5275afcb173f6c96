import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from './random.seeded.js';
import { SeatBoard } from './seats.board.js';

const seats = (n: number) => Array.from({ length: n }, (_, i) => `S-${i}`);

/** The best `spread` seats believed available, none in `avoid`, by walking every seat. */
function bestByWalking(order: string[], available: Set<string>, spread: number, avoid: ReadonlySet<string>): string[] {
  return order.filter((id) => available.has(id) && !avoid.has(id)).slice(0, spread);
}

describe("the bots' seat board", () => {
  it('offers neighbouring seats among the best still available, past sold ones and with released ones again', () => {
    const order = seats(300);
    const board = new SeatBoard(order);
    for (let i = 0; i < 200; i++) board.remove(order[i]!);
    board.add(order[70]!);
    // A spread as large as the count: the only choice is the best `count` seats.
    assert.deepEqual(board.nearBest(seededRandom(1), 3, 3, new Set()), ['S-70', 'S-200', 'S-201']);
    assert.deepEqual(board.nearBest(seededRandom(1), 2, 2, new Set(['S-70'])), ['S-200', 'S-201']);
    assert.equal(board.size, 101);
    assert.ok(board.has('S-70') && !board.has('S-69'));
  });

  it('finds the same best seats as walking the whole house, through thousands of changes', () => {
    const order = seats(5000);
    const board = new SeatBoard(order);
    const available = new Set(order);
    const random = seededRandom(42);
    for (let step = 0; step < 20_000; step++) {
      // Mostly the front sells; some seats come back.
      const id = order[Math.min(order.length - 1, Math.floor(random.next() ** 3 * order.length))]!;
      if (random.next() < 0.8) {
        board.remove(id);
        available.delete(id);
      } else {
        board.add(id);
        available.add(id);
      }
      if (step % 500 === 0) {
        const avoid = new Set([order[random.below(order.length)]!]);
        const spread = 1 + random.below(400);
        const expected = bestByWalking(order, available, spread, avoid);
        const near = board.nearBest(seededRandom(step), 1, spread, avoid);
        assert.ok(expected.includes(near[0]!), `step ${step}: ${near[0]} is not among the best ${spread}`);
        assert.deepEqual(board.nearBest(seededRandom(step), spread, spread, avoid), expected, `step ${step}`);
      }
    }
    assert.equal(board.size, available.size);
  });
});
