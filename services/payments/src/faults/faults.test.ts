import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@clove/kit';
import { Faults } from './faults.js';

describe('Faults', () => {
  it('fails when the draw falls under the failure rate', async () => {
    let draw = 0.3;
    const faults = new Faults({ latencyMs: 0, failureRate: 0.5 }, () => draw);
    await assert.rejects(faults.maybeFail(), (error: unknown) => error instanceof DomainError && error.reason === 'PAYMENTS_UNAVAILABLE');
    draw = 0.5;
    assert.equal(await faults.delayAnswer(null, null, 'answer'), 'answer');
  });

  it('never fails at rate 0 and always at rate 1', async () => {
    const never = new Faults({ latencyMs: 0, failureRate: 0 }, () => 0);
    await never.maybeFail();
    const always = new Faults({ latencyMs: 0, failureRate: 1 }, () => 0.999999);
    await assert.rejects(always.maybeFail());
  });

  it('updates only the settings given', () => {
    const faults = new Faults({ latencyMs: 10, failureRate: 0.1 });
    assert.deepEqual(faults.update({ failureRate: 0 }), { latencyMs: 10, failureRate: 0 });
    assert.deepEqual(faults.update({ latencyMs: 0 }), { latencyMs: 0, failureRate: 0 });
    assert.deepEqual(faults.current(), { latencyMs: 0, failureRate: 0 });
  });

  it('delays by the latency', async () => {
    const faults = new Faults({ latencyMs: 40, failureRate: 0 });
    const started = performance.now();
    assert.equal(await faults.delayAnswer(null, null, 'answer'), 'answer');
    assert.ok(performance.now() - started >= 35);
  });
});
