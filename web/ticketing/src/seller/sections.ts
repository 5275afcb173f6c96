import type { Messages } from '../i18n';
import type { Lang, Session } from '../session';

export type SellerSection = 'setup' | 'bookers' | 'sales';

export const SELLER_SECTIONS: readonly SellerSection[] = ['setup', 'bookers', 'sales'];

/** The shell's path of a section: /console/shows/<slug>[/bookers|/sales]. */
export function sectionPath(slug: string, section: SellerSection): string {
  const base = `/console/shows/${encodeURIComponent(slug)}`;
  return section === 'setup' ? base : `${base}/${section}`;
}

/** What every section of the seller's page gets. */
export interface SellerSectionProps {
  slug: string;
  lang: Lang;
  session: Session;
  navigate: (path: string) => void;
  t: Messages;
  /** The section shown; hidden ones stay mounted and stop loading. */
  active: boolean;
  headingRef: (element: HTMLHeadingElement | null) => void;
}
