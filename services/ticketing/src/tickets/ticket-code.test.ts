import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TicketCodes } from './ticket-code.js';

describe('TicketCodes', () => {
  const codes = new TicketCodes('s'.repeat(32), 'spring-gala');
  const code = codes.sign('0b6f3e8e-1111-4222-8333-944455556666', 'A-3-15');

  it('verifies a genuine code', () => {
    assert.deepEqual(codes.verify(code), { ticketId: '0b6f3e8e-1111-4222-8333-944455556666', seatId: 'A-3-15' });
  });

  it('refuses altered codes, other performances and other secrets', () => {
    assert.equal(codes.verify(code.replace('A-3-15', 'A-3-16')), null);
    assert.equal(codes.verify(`${code.slice(0, -1)}x`), null);
    assert.equal(new TicketCodes('s'.repeat(32), 'other-show').verify(code), null);
    assert.equal(new TicketCodes('t'.repeat(32), 'spring-gala').verify(code), null);
    assert.equal(codes.verify('garbage'), null);
  });
});
