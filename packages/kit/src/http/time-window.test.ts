import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { checkTimeWindow } from './time-window.js';

const limits = { maxWindowSeconds: 7 * 86_400, minStepSeconds: 10, maxPoints: 1000, defaultStepSeconds: 60 };
const paths = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).errors?.map((e) => `${e.path}: ${e.message}`) ?? [];
  }
  return [];
};

describe('checkTimeWindow', () => {
  it('answers the window with the default step', () => {
    const window = checkTimeWindow({ from: '2026-11-26T00:00:00Z', to: '2026-11-26T01:00:00Z' }, limits);
    assert.equal(window.stepSeconds, 60);
    assert.equal(window.to.getTime() - window.from.getTime(), 3_600_000);
  });

  it('names every limit a window breaks', () => {
    assert.deepEqual(paths(() => checkTimeWindow({ from: '2026-11-26T01:00:00Z', to: '2026-11-26T00:00:00Z' }, limits)), ['/querystring/to: must be after from']);
    assert.deepEqual(paths(() => checkTimeWindow({ from: '2026-11-01T00:00:00Z', to: '2026-11-26T00:00:00Z', step: 3600 }, limits)),
      ['/querystring/from: the window may be at most 604800 seconds (7 days)']);
    assert.deepEqual(paths(() => checkTimeWindow({ from: '2026-11-26T00:00:00Z', to: '2026-11-26T01:00:00Z', step: 5 }, limits)), ['/querystring/step: must be at least 10 seconds']);
    assert.deepEqual(paths(() => checkTimeWindow({ from: '2026-11-20T00:00:00Z', to: '2026-11-26T00:00:00Z', step: 10 }, limits)),
      ['/querystring/step: is too small for this window: at most 1000 points, so at least 519 seconds']);
  });
});
