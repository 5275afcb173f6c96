// <input type="datetime-local"> speaks local wall-clock time without a zone; values are
// RFC 3339 instants. These convert between the two in the browser's time zone.

const pad = (n: number) => String(n).padStart(2, '0');

/** `2030-01-01T00:00:00Z` → `2030-01-01T09:00` in Seoul; '' for what is not a date. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = date.getSeconds() ? `:${pad(date.getSeconds())}` : '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
}

/** This minute (seconds dropped) as a datetime-local input in the browser's time zone. */
export function nowLocalInput(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The local input as a UTC instant without milliseconds; null when it is no date. */
export function localInputToIso(input: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(input)) return null;
  const date = new Date(input);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
