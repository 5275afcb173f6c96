import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookersCsv, type Booker } from './seller.queries.js';

const booker = (buyerName: string): Booker => ({
  orderId: 'o1', buyerId: 'b1', buyerEmail: 'kim@example.com', buyerName, seats: ['A-1-1', 'A-1-2'], amount: 300_000,
  refundedAmount: 0, currency: 'KRW', orderStatus: 'paid', paymentId: 'pay_1', paymentStatus: 'captured', paidAt: '2030-01-01T00:00:00.000Z',
});

describe('bookersCsv', () => {
  it('quotes every cell and keeps a spreadsheet from reading a name as a formula', () => {
    const names = ['Kim "Ace"', '=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    const rows = bookersCsv(names.map(booker)).split('\r\n').slice(1, -1);
    const nameCells = rows.map((row) => row.split('","')[3]);
    assert.deepEqual(nameCells, ['Kim ""Ace""', '\'=HYPERLINK(""http://x"")', '\'+1', '\'-1', '\'@SUM(A1)', '\'\t=1+1', '\'\r=1+1']);
    assert.equal(rows[0], '"o1","b1","kim@example.com","Kim ""Ace""","A-1-1 A-1-2","300000","0","KRW","paid","pay_1","captured","2030-01-01T00:00:00.000Z"');
  });

  it('starts with UTF-8\'s byte-order mark, so a spreadsheet reads Korean names as Korean', () => {
    const bytes = Buffer.from(bookersCsv([booker('김서연')]), 'utf8');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes.subarray(3).toString('utf8').startsWith('orderId,'), 'then the header');
  });
});
