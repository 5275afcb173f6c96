import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@clove/kit';
import { toCatalogEvents } from './event-data.js';
import type { EventEnvelope } from './event.schemas.js';

const envelope = (type: EventEnvelope['type'], data: Record<string, unknown>): EventEnvelope => ({
  id: '9b2b7c4e-1111-4222-8333-444455556666',
  type,
  slug: 'spring-gala',
  sequence: 1,
  occurredAt: '2030-01-01T00:00:00Z',
  data,
});

const updated = {
  title: 'Spring Gala',
  venue: 'Town Hall',
  startsAt: '2030-04-01T19:00:00Z',
  endsAt: '2030-04-01T21:00:00Z',
  saleOpensAt: null,
  lowestPrice: 3000,
  currency: 'EUR',
  remaining: 10,
  totalSeats: 10,
  url: '/e/spring-gala',
};

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return error;
  }
  assert.fail('expected the batch to be refused');
}

describe('toCatalogEvents', () => {
  it('accepts data of the right shape, ignoring members it does not read', () => {
    const events = toCatalogEvents([envelope('event.updated', { ...updated, performers: ['A'] })]);
    assert.equal(events[0]?.type, 'event.updated');
  });

  it('names the bad field with the index of its event', () => {
    const error = refusal(() => toCatalogEvents([
      envelope('event.updated', updated),
      envelope('order.refunded', { orderId: '9b2b7c4e-1111-4222-8333-444455556666' }),
    ]));
    assert.equal(error.code, 'INVALID');
    assert.equal(error.reason, 'VALIDATION_FAILED');
    const paths = error.errors?.map((e) => e.path) ?? [];
    assert.ok(paths.includes('/body/events/1/data/buyerId'), paths.join());
    assert.ok(paths.every((p) => p.startsWith('/body/events/1/data/')), 'the good event is not blamed');
  });

  it('checks nested tickets, money and times', () => {
    const error = refusal(() => toCatalogEvents([envelope('event.updated', { ...updated, lowestPrice: -5, startsAt: 'tomorrow' })]));
    assert.deepEqual(error.errors?.map((e) => e.path).sort(), ['/body/events/0/data/lowestPrice', '/body/events/0/data/startsAt']);
  });
});
