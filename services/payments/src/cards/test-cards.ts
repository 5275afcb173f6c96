export type DeclineCode = 'generic_decline' | 'insufficient_funds' | 'live_card_in_test_mode';

export type CardOutcome = { status: 'captured' } | { status: 'failed'; declineCode: DeclineCode };

/** This gateway only ever runs in test mode: the card number alone decides the outcome. */
const TEST_CARDS = new Map<string, CardOutcome>([
  ['4242424242424242', { status: 'captured' }],
  ['4000000000000002', { status: 'failed', declineCode: 'generic_decline' }],
  ['4000000000009995', { status: 'failed', declineCode: 'insufficient_funds' }],
]);

export function outcomeForCard(digits: string): CardOutcome {
  return TEST_CARDS.get(digits) ?? { status: 'failed', declineCode: 'live_card_in_test_mode' };
}

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  generic_decline: 'The card was declined.',
  insufficient_funds: 'The card has insufficient funds.',
  live_card_in_test_mode: 'The card is a live card; only test cards are accepted.',
};
