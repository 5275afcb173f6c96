import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performanceLockKeys } from './performance-locks.js';

describe('performanceLockKeys', () => {
  it('gives distinct ascending keys, the same for any order of the same slugs', () => {
    const keys = performanceLockKeys(['b-show', 'a-show', 'b-show', 'c-show']);
    assert.equal(keys.length, 3);
    assert.deepEqual(keys, [...keys].sort((x, y) => x - y));
    assert.deepEqual(performanceLockKeys(['c-show', 'a-show', 'b-show']), keys);
    assert.ok(keys.every((k) => Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31));
  });
});
