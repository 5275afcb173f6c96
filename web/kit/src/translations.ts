import type { Lang } from './session';

/** What a template carries in other languages than its own (English). */
export type Translations = Partial<Record<string, { description?: string }>>;

/**
 * A template's description in the page's language where the template gives one
 * (`translations.<lang>.description`), else its own.
 */
export function descriptionIn(template: { description: string; translations?: Translations }, lang: Lang): string {
  const translated = template.translations?.[lang]?.description;
  return translated && translated.trim() !== '' ? translated : template.description;
}
