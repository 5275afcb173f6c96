/** Section names and row labels as the service accepts them: letters and digits, up to 8. */
export const LABEL = /^[A-Za-z0-9]{1,8}$/;

const NUMBER = /^[1-9][0-9]{0,7}$/;
const LETTER = /^[A-Za-z]$/;

/** Numbers and single letters have a next label (7 → 8, C → D); other labels do not. */
export function nextLabel(label: string): string | null {
  if (NUMBER.test(label)) return String(Number(label) + 1);
  if (LETTER.test(label) && !/[Zz]/.test(label)) return String.fromCharCode(label.charCodeAt(0) + 1);
  return null;
}

export function isNumberLabel(label: string): boolean {
  return NUMBER.test(label);
}

/**
 * The labels from `from` to `to`, both included: a number range (1–12) or a letter range of
 * the same case (A–J). null when the two do not make a range.
 */
export function labelRange(from: string, to: string): string[] | null {
  if (NUMBER.test(from) && NUMBER.test(to)) {
    const first = Number(from);
    const last = Number(to);
    if (last < first) return null;
    return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  }
  const sameCase = /^[A-Z]$/.test(from) === /^[A-Z]$/.test(to);
  if (LETTER.test(from) && LETTER.test(to) && sameCase) {
    const first = from.charCodeAt(0);
    const last = to.charCodeAt(0);
    if (last < first) return null;
    return Array.from({ length: last - first + 1 }, (_, i) => String.fromCharCode(first + i));
  }
  return null;
}

/** Rows in reading order: numbers by value, then the rest alphabetically. */
export function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
