import { locales } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';

// Resource figures as the pages show them: CPU as a share of one core, memory in MiB.

const MIB = 2 ** 20;

function decimal(lang: Lang, digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const bytesToMiB = (bytes: number) => bytes / MIB;
export const coresToPercent = (cores: number) => cores * 100;

export function formatPercent(percent: number, lang: Lang): string {
  return `${decimal(lang, 1).format(percent)} %`;
}

export function formatMiB(mib: number, lang: Lang): string {
  return `${decimal(lang, 1).format(mib)} MiB`;
}

/** Cores in use as a percentage of one core, e.g. 0.125 → "12.5 %". */
export function formatCpu(cores: number, lang: Lang): string {
  return formatPercent(coresToPercent(cores), lang);
}

export function formatMemory(bytes: number, lang: Lang): string {
  return formatMiB(bytesToMiB(bytes), lang);
}

/** A share (0–1) as a percentage, e.g. 0.8 → "80 %". */
export function formatShare(share: number, lang: Lang): string {
  return `${decimal(lang, 1).format(share * 100)} %`;
}

export function formatDecimal(value: number, lang: Lang, digits = 2): string {
  return decimal(lang, digits).format(value);
}

/** A time of day, e.g. "14:05:30", for "updated at" notes. */
export function formatClock(epochMs: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeStyle: 'medium' }).format(new Date(epochMs));
}
