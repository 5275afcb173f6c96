import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conflict, DomainError, ErrorCode } from './domain-error.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;

describe('DomainError', () => {
  it('makes a refusal without a stack trace, and a server failure with one', () => {
    const refusal = conflict('The seats are taken.', 'SEATS_TAKEN', { seats: ['A-1'] });
    assert.equal(frames(refusal), 0);
    assert.match(refusal.stack ?? '', /^DomainError: The seats are taken\./);
    assert.deepEqual([refusal.code, refusal.reason, refusal.extra], [ErrorCode.CONFLICT, 'SEATS_TAKEN', { seats: ['A-1'] }]);
    const failure = new DomainError(ErrorCode.UNAVAILABLE, 'The payment service cannot be reached.', { reason: 'PAYMENTS_UNAVAILABLE' });
    assert.ok(frames(failure) > 0, 'an outage keeps where it was raised');
  });

  it('leaves the stack trace limit of other errors as it was', () => {
    const before = Error.stackTraceLimit;
    conflict('The seats are taken.');
    assert.equal(Error.stackTraceLimit, before);
    assert.ok(frames(new Error('ordinary')) > 0);
  });
});
