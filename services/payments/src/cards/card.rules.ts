import type { FieldError } from '@clove/kit';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

/** The digits of a card number as typed, spaces removed. */
export function normalizeCardNumber(number: string): string {
  return number.replaceAll(' ', '');
}

export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  if (digits.startsWith('4')) return 'visa';
  if (/^3[47]/.test(digits)) return 'amex';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return 'unknown';
}

/** A card is valid through the last day of its expiry month (UTC). */
export function isExpiryValid(expiry: string, now: Date): boolean {
  const match = /^(0[1-9]|1[0-2])\/([0-9]{2})$/.exec(expiry);
  if (!match) return false;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  return year * 12 + month >= now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

/** Field errors of a card, as paths into the request body; empty when the card is valid. */
export function validateCard(card: CardInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const digits = normalizeCardNumber(card.number);
  if (!/^[0-9]{12,19}$/.test(digits)) {
    errors.push({ path: '/body/card/number', message: 'must be 12 to 19 digits' });
  } else if (!passesLuhn(digits)) {
    errors.push({ path: '/body/card/number', message: 'is not a valid card number (Luhn check failed)' });
  }
  if (!/^(0[1-9]|1[0-2])\/[0-9]{2}$/.test(card.expiry)) {
    errors.push({ path: '/body/card/expiry', message: 'must be MM/YY' });
  } else if (!isExpiryValid(card.expiry, now)) {
    errors.push({ path: '/body/card/expiry', message: 'is in the past' });
  }
  if (!/^[0-9]{3}$/.test(card.cvc)) {
    errors.push({ path: '/body/card/cvc', message: 'must be 3 digits' });
  }
  return errors;
}
