import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcementPayloads } from './seat-announcer.js';
import type { SeatChangeState } from './seat-events.js';

describe('seat announcement payloads', () => {
  it('names every seat once with its state, each payload within the 8000 bytes NOTIFY allows', () => {
    const batch = new Map<string, SeatChangeState>();
    // The longest seat ids there are (40 characters), some with characters JSON escapes.
    for (let i = 0; i < 1500; i++) batch.set(`${i % 7 === 0 ? '"Balcony\\\\' : 'Orchestra-left-'}${'x'.repeat(14)}-${String(i).padStart(5, '0')}`.slice(-40), i % 3 === 0 ? 'sold' : 'held');
    batch.set('A-1-1', 'available');
    const payloads = announcementPayloads(batch);
    const seen = new Map<string, string>();
    for (const payload of payloads) {
      assert.ok(Buffer.byteLength(payload) < 8000, `${Buffer.byteLength(payload)} bytes`);
      const { state, ids } = JSON.parse(payload) as { state: string; ids: string[] };
      for (const id of ids) {
        assert.ok(!seen.has(id), `${id} twice`);
        seen.set(id, state);
      }
    }
    assert.deepEqual(seen, batch);
    assert.ok(payloads.length > 3, 'split into several payloads');
  });

  it('puts a small batch in one payload per state', () => {
    const payloads = announcementPayloads(new Map<string, SeatChangeState>([['A-1-1', 'held'], ['A-1-2', 'held'], ['B-1-1', 'available']]));
    assert.deepEqual(payloads.map((p) => JSON.parse(p)), [{ state: 'held', ids: ['A-1-1', 'A-1-2'] }, { state: 'available', ids: ['B-1-1'] }]);
  });
});
