import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureLog } from './failure-log.js';

describe('failureLog', () => {
  it('logs the first failure of a kind, then at most one per interval with how many were left out', () => {
    const lines: Array<[string, string, object]> = [];
    const log = { error: (d: object, m: string) => lines.push(['error', m, d]), warn: (d: object, m: string) => lines.push(['warn', m, d]) };
    let clock = 0;
    const failed = failureLog(log, { everyMs: 1000, now: () => clock });
    const sweep = failed('hold sweep failed');
    const relay = failed('outbox delivery failed');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (clock = 0; clock < 2500; clock += 100) sweep(refused);
    relay(new Error('catalog answered 500'));
    assert.deepEqual(lines.map(([level, message, details]) => [level, message, (details as { failedMoreTimes?: number }).failedMoreTimes]), [
      ['warn', 'hold sweep failed', undefined],
      ['warn', 'hold sweep failed', 9],
      ['warn', 'hold sweep failed', 9],
      ['error', 'outbox delivery failed', undefined],
    ]);
  });
});
