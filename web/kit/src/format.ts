import type { Lang } from './session';

// Dates, prices and counts per locale, for every web package.

export const locales: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };

export type PriceFormat = (minorUnits: number) => string;

/** A formatter for prices in minor units of the currency (KRW has none, most others two). */
export function priceFormat(lang: Lang, currency = 'KRW'): PriceFormat {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locales[lang], { style: 'currency', currency });
  } catch {
    format = new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'KRW' });
  }
  const scale = 10 ** (format.resolvedOptions().maximumFractionDigits ?? 0);
  return (minorUnits) => format.format(minorUnits / scale);
}

export function formatDate(iso: string, lang: Lang, dateStyle: 'full' | 'medium' | 'short' = 'full'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle, timeStyle: 'short' }).format(date);
}

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang]).format(value);
}

/** mm:ss for a duration in milliseconds, never negative. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}
