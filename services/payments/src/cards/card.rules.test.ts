import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardBrand, isExpiryValid, passesLuhn, validateCard } from './card.rules.js';
import { outcomeForCard } from './test-cards.js';

const JUNE_2030 = new Date('2030-06-15T12:00:00Z');

describe('card rules', () => {
  it('checks the Luhn sum', () => {
    for (const good of ['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '378282246310005', '79927398713']) {
      assert.equal(passesLuhn(good), true, good);
    }
    for (const bad of ['4242424242424241', '1234567812345678', '79927398710', '', '4242a42424242424']) {
      assert.equal(passesLuhn(bad), false, bad);
    }
  });

  it('names the brand from the leading digits', () => {
    assert.equal(cardBrand('4242424242424242'), 'visa');
    assert.equal(cardBrand('5555555555554444'), 'mastercard');
    assert.equal(cardBrand('2223003122003222'), 'mastercard');
    assert.equal(cardBrand('378282246310005'), 'amex');
    assert.equal(cardBrand('340000000000009'), 'amex');
    assert.equal(cardBrand('6011111111111117'), 'unknown');
    assert.equal(cardBrand('2721000000000000'), 'unknown');
  });

  it('accepts an expiry through the end of its month', () => {
    assert.equal(isExpiryValid('06/30', JUNE_2030), true);
    assert.equal(isExpiryValid('12/45', JUNE_2030), true);
    assert.equal(isExpiryValid('05/30', JUNE_2030), false);
    assert.equal(isExpiryValid('12/29', JUNE_2030), false);
    assert.equal(isExpiryValid('13/30', JUNE_2030), false);
    assert.equal(isExpiryValid('6/30', JUNE_2030), false);
  });

  it('reports each bad field by its path and strips spaces from the number', () => {
    assert.deepEqual(validateCard({ number: '4242 4242 4242 4242', expiry: '07/30', cvc: '123' }, JUNE_2030), []);
    const errors = validateCard({ number: '4242424242424241', expiry: '01/30', cvc: '12' }, JUNE_2030);
    assert.deepEqual(errors.map((e) => e.path), ['/body/card/number', '/body/card/expiry', '/body/card/cvc']);
    const short = validateCard({ number: '42424242424', expiry: '2030-07', cvc: '1234' }, JUNE_2030);
    assert.deepEqual(short.map((e) => e.message), ['must be 12 to 19 digits', 'must be MM/YY', 'must be 3 digits']);
    assert.equal(validateCard({ number: '42424242424242424242', expiry: '07/30', cvc: '123' }, JUNE_2030).length, 1);
  });

  it('decides the outcome by test card', () => {
    assert.deepEqual(outcomeForCard('4242424242424242'), { status: 'captured' });
    assert.deepEqual(outcomeForCard('4000000000000002'), { status: 'failed', declineCode: 'generic_decline' });
    assert.deepEqual(outcomeForCard('4000000000009995'), { status: 'failed', declineCode: 'insufficient_funds' });
    assert.deepEqual(outcomeForCard('5555555555554444'), { status: 'failed', declineCode: 'live_card_in_test_mode' });
  });
});
