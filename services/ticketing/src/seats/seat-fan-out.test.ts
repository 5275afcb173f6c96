import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { SeatFanOut, type SeatStream } from './seat-fan-out.js';

const FLUSH_MS = 100;
const MAX_BACKLOG = 1000;

/** A stream that keeps what it is sent, takes it at once (nothing left unsent) and can be ended. */
function stream(sent: Buffer[], backlog = () => 0): SeatStream & { ended: boolean } {
  return {
    ended: false,
    write: (chunk) => void sent.push(chunk),
    get writableLength() {
      return backlog();
    },
    end() {
      this.ended = true;
    },
  };
}
const change = (state: string, ids: string[]) => JSON.stringify({ state, ids });

/** The `{state, ids}` events of the chunks a stream was sent, in order. */
function events(chunks: Buffer[]): Array<{ state: string; ids: string[] }> {
  return chunks
    .map((chunk) => chunk.toString())
    .join('')
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      const [name, data] = event.split('\n');
      assert.equal(name, 'event: seats');
      return JSON.parse(data!.replace(/^data: /, ''));
    });
}

describe('the seat-map streams\u2019 fan-out', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('sends a burst of changes to every stream as one write per period, each seat in its latest state', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG);
    const streams = [[], [], []] as Buffer[][];
    for (const sent of streams) fanOut.subscribe(stream(sent));

    fanOut.add(change('held', ['A-1-1', 'A-1-2']));
    fanOut.add(change('sold', ['A-1-1']));
    fanOut.add(change('held', ['B-1-1']));
    fanOut.add(change('available', ['A-1-2']));
    assert.deepEqual(streams.map((sent) => sent.length), [0, 0, 0], 'nothing before the period ends');

    mock.timers.tick(FLUSH_MS);
    assert.deepEqual(streams.map((sent) => sent.length), [1, 1, 1], 'one write per stream');
    assert.equal(streams[0]![0], streams[1]![0], 'the same bytes for every stream, written once');
    const latest = new Map(events(streams[0]!).flatMap(({ state, ids }) => ids.map((id) => [id, state] as const)));
    assert.deepEqual(Object.fromEntries(latest), { 'A-1-1': 'sold', 'A-1-2': 'available', 'B-1-1': 'held' });

    fanOut.add(change('available', ['B-1-1']));
    mock.timers.tick(FLUSH_MS - 1);
    assert.equal(streams[0]!.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(events(streams[0]!.slice(1)), [{ state: 'available', ids: ['B-1-1'] }], 'a later change in the next write');
  });

  it('sends a section\u2019s stream only that section\u2019s changes, the same bytes to each, nothing when it had none', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG);
    const [all, a1, a2, b, c] = [[], [], [], [], []] as [Buffer[], Buffer[], Buffer[], Buffer[], Buffer[]];
    fanOut.subscribe(stream(all));
    fanOut.subscribe({ ...stream(a1), section: 'A' });
    fanOut.subscribe({ ...stream(a2), section: 'A' });
    fanOut.subscribe({ ...stream(b), section: 'B10' });
    fanOut.subscribe({ ...stream(c), section: 'C' });

    fanOut.add(change('held', ['A-1-1', 'B10-2-3', 'A10-1-1']));
    fanOut.add(change('sold', ['A-1-1']));
    mock.timers.tick(FLUSH_MS);
    const seen = (sent: Buffer[]) => Object.fromEntries(events(sent).flatMap(({ state, ids }) => ids.map((id) => [id, state])));
    assert.deepEqual(seen(all), { 'A-1-1': 'sold', 'B10-2-3': 'held', 'A10-1-1': 'held' });
    assert.deepEqual(seen(a1), { 'A-1-1': 'sold' }, 'not section A10\u2019s seat');
    assert.equal(a1[0], a2[0], 'the same bytes for the streams of one section');
    assert.deepEqual(seen(b), { 'B10-2-3': 'held' });
    assert.equal(c.length, 0, 'no write for a section without changes');
  });

  it('keeps nothing while no stream is open, and stops sending to a stream that closed', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG);
    fanOut.add(change('held', ['A-1-1']));
    const sent: Buffer[] = [];
    const unsubscribe = fanOut.subscribe(stream(sent));
    mock.timers.tick(FLUSH_MS);
    assert.equal(sent.length, 0, 'a change from before any stream opened is not sent');

    fanOut.add(change('held', ['A-1-2']));
    unsubscribe();
    mock.timers.tick(FLUSH_MS);
    assert.equal(sent.length, 0);
    assert.equal(fanOut.size, 0);
  });

  it('ignores a payload that is not a seat change', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG);
    const sent: Buffer[] = [];
    fanOut.subscribe(stream(sent));
    fanOut.add('not json');
    fanOut.add(JSON.stringify({ state: 'held' }));
    fanOut.add(change('held', ['A-1-1']));
    mock.timers.tick(FLUSH_MS);
    assert.deepEqual(events(sent), [{ state: 'held', ids: ['A-1-1'] }]);
  });

  it('ends a stream that does not take what it is sent, instead of keeping its changes in memory', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG);
    const quick: Buffer[] = [];
    const slow: Buffer[] = [];
    let unsent = 0;
    const reader = stream(quick);
    const laggard = stream(slow, () => unsent);
    fanOut.subscribe(reader);
    const leave = fanOut.subscribe(laggard);
    fanOut.add(change('held', ['A-1-1']));
    mock.timers.tick(FLUSH_MS);
    assert.deepEqual([quick.length, slow.length, laggard.ended], [1, 1, false]);

    unsent = MAX_BACKLOG + 1; // its reader stopped reading
    fanOut.add(change('sold', ['A-1-1']));
    mock.timers.tick(FLUSH_MS);
    assert.deepEqual([quick.length, slow.length, laggard.ended], [2, 1, true], 'ended, and sent nothing more');
    leave(); // as its end does
    assert.equal(fanOut.size, 1);
  });

  it('gathers changes longer when more streams are open than one period serves, at most five periods', () => {
    const fanOut = new SeatFanOut(FLUSH_MS, MAX_BACKLOG, 2);
    const sent = [[], [], []] as Buffer[][];
    const leave = sent.map((chunks) => fanOut.subscribe(stream(chunks)));
    assert.equal(fanOut.periodMs(), 2 * FLUSH_MS, 'three streams, two per period');
    fanOut.add(change('held', ['A-1-1']));
    mock.timers.tick(2 * FLUSH_MS - 1);
    assert.deepEqual(sent.map((chunks) => chunks.length), [0, 0, 0]);
    mock.timers.tick(1);
    assert.deepEqual(sent.map((chunks) => chunks.length), [1, 1, 1], 'one write each after the longer period');

    leave[2]!();
    assert.equal(fanOut.periodMs(), FLUSH_MS, 'back to one period with two streams');
    for (let i = 0; i < 20; i++) fanOut.subscribe(stream([]));
    assert.equal(fanOut.periodMs(), 5 * FLUSH_MS, 'never longer than five periods');
  });
});
