import type { Card } from '../api/show';
import type { Messages } from '../i18n';

export type CardField = keyof Card;
export type CardErrors = Partial<Record<CardField, string>>;

/** The card as the payment service expects it: digits only, expiry as MM/YY. */
export function normaliseCard(form: HTMLFormElement): Card {
  const value = (name: string) => {
    const input = form.elements.namedItem(name);
    return input instanceof HTMLInputElement ? input.value : '';
  };
  const expiry = value('expiry').replace(/\s+/g, '');
  const [month = '', year = ''] = expiry.includes('/') ? expiry.split('/') : [expiry.slice(0, 2), expiry.slice(2)];
  return {
    number: value('number').replace(/[\s-]+/g, ''),
    expiry: `${month.padStart(2, '0')}/${year.slice(-2)}`,
    cvc: value('cvc').trim(),
  };
}

export function checkCard(card: Card, t: Messages, now = new Date()): CardErrors {
  const errors: CardErrors = {};
  if (!/^\d{13,19}$/.test(card.number)) errors.number = t.invalidCardNumber;
  const match = /^(\d{2})\/(\d{2})$/.exec(card.expiry);
  const month = Number(match?.[1]);
  const year = 2000 + Number(match?.[2]);
  const expired = year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1);
  if (!match || month < 1 || month > 12 || expired) errors.expiry = t.invalidExpiry;
  if (!/^\d{3}$/.test(card.cvc)) errors.cvc = t.invalidCvc;
  return errors;
}
