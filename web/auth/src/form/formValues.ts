/** The trimmed text value of a form field (passwords are taken as typed). */
export function textValue(form: HTMLFormElement, name: string, trim = true): string {
  const value = new FormData(form).get(name);
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}
