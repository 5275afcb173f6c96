import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CatalogEvent } from './event.schemas.js';
import { madeBefore, planGenerations, type SlugState } from './generation-plan.js';

const OLD = '11111111-1111-4111-8111-111111111111';
const NEW = '22222222-2222-4222-8222-222222222222';
/** Deployment ids as the deployer makes them (UUIDv7): the first was made a minute before the second. */
const EARLIER = '019ac3a0-0000-7000-8000-000000000001';
const LATER = '019ac3a0-ea60-7000-8000-000000000002';

const counted = (slug: string, sequence: number, generation?: string): CatalogEvent => ({
  id: randomUUID(), type: 'seats.counted', slug, sequence, occurredAt: new Date().toISOString(), data: { remaining: 1 },
  ...(generation ? { generation } : {}),
});
const states = (entries: Array<[string, SlugState]>) => new Map(entries);

describe('planGenerations', () => {
  it('lists the events of the current generation and changes nothing', () => {
    const events = [counted('show', 4, OLD), counted('show', 5, OLD)];
    const plan = planGenerations(events, states([['show', { generation: OLD, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(plan.listing, events);
  });

  it('replaces the listing with a generation it has not seen, retiring the one before (random ids, or one made later)', () => {
    for (const [listed, next] of [[OLD, NEW], [EARLIER, LATER]] as const) {
      const fresh = counted('show', 1, next);
      const plan = planGenerations([fresh], states([['show', { generation: listed, withdrawn: false }]]), new Set());
      assert.deepEqual(plan.changes, [{ kind: 'replace', slug: 'show', generation: next, retired: listed }]);
      assert.deepEqual(plan.listing, [fresh]);
    }
  });

  it('keeps events of a retired generation off the listing but says whose they are', () => {
    const late = counted('show', 9, OLD);
    const plan = planGenerations([late], states([['show', { generation: NEW, withdrawn: false }]]), new Set([OLD]));
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(plan.listing, []);
    assert.equal(plan.generationOf.get(late), OLD);
  });

  it('drops from the listing the events of a generation replaced later in the same batch', () => {
    const old = counted('show', 7, OLD);
    const fresh = counted('show', 1, NEW);
    const plan = planGenerations([old, fresh, counted('show', 8, OLD)], states([['show', { generation: OLD, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.listing, [fresh]);
    assert.equal(plan.generationOf.get(old), OLD);
  });

  it('lets a row written before generations adopt the first one named, with the unnamed events before it', () => {
    const unnamed = counted('show', 3);
    const named = counted('show', 4, NEW);
    const plan = planGenerations([unnamed, named], states([['show', { generation: null, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.changes, [{ kind: 'adopt', slug: 'show', generation: NEW }]);
    assert.deepEqual(plan.listing, [unnamed, named]);
    assert.equal(plan.generationOf.get(unnamed), NEW);
  });

  it('lists a new generation in place of a withdrawn one, and nothing unnamed while withdrawn', () => {
    const withdrawn = states([['show', { generation: null, withdrawn: true }]]);
    assert.deepEqual(planGenerations([counted('show', 5)], withdrawn, new Set()).listing, []);
    const plan = planGenerations([counted('show', 1, NEW)], withdrawn, new Set());
    assert.deepEqual(plan.changes, [{ kind: 'replace', slug: 'show', generation: NEW, retired: null }]);
    assert.equal(plan.listing.length, 1);
  });

  it('starts an unknown slug by adopting its first generation', () => {
    const plan = planGenerations([counted('fresh', 1, NEW)], new Map(), new Set());
    assert.deepEqual(plan.changes, [{ kind: 'adopt', slug: 'fresh', generation: NEW }]);
    assert.equal(plan.listing.length, 1);
  });

  it('keeps off the listing the late first events of a deployment made before the one listed, and retires it', () => {
    const late = counted('show', 1, EARLIER);
    const plan = planGenerations([late, counted('show', 2, EARLIER)], states([['show', { generation: LATER, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.changes, [{ kind: 'retire', slug: 'show', generation: EARLIER }]);
    assert.deepEqual(plan.listing, []);
    assert.equal(plan.generationOf.get(late), EARLIER, 'its orders are still filed under it');
    const afterDeletion = planGenerations([late], states([['show', { generation: LATER, withdrawn: true }]]), new Set());
    assert.deepEqual(afterDeletion.changes, [{ kind: 'retire', slug: 'show', generation: EARLIER }]);
  });

  it('orders only time-ordered ids: a random one replaces the listing whatever its text', () => {
    const plan = planGenerations([counted('show', 1, OLD)], states([['show', { generation: LATER, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.changes, [{ kind: 'replace', slug: 'show', generation: OLD, retired: LATER }]);
    assert.equal(madeBefore(EARLIER, LATER), true);
    assert.equal(madeBefore(LATER, EARLIER), false);
    assert.equal(madeBefore(OLD, NEW), false, 'version 4 ids say nothing of their order');
  });
});
