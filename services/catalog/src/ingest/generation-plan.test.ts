import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CatalogEvent } from './event.schemas.js';
import { planGenerations, type SlugState } from './generation-plan.js';

const OLD = '11111111-1111-4111-8111-111111111111';
const NEW = '22222222-2222-4222-8222-222222222222';

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

  it('replaces the listing with a generation it has not seen, retiring the one before', () => {
    const fresh = counted('show', 1, NEW);
    const plan = planGenerations([fresh], states([['show', { generation: OLD, withdrawn: false }]]), new Set());
    assert.deepEqual(plan.changes, [{ kind: 'replace', slug: 'show', generation: NEW, retired: OLD }]);
    assert.deepEqual(plan.listing, [fresh]);
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
});
