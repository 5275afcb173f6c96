export type SellerSection = 'setup' | 'bookers' | 'sales';

export const SELLER_SECTIONS: readonly SellerSection[] = ['setup', 'bookers', 'sales'];

/** The shell's path of a section: /console/shows/<slug>[/bookers|/sales]. */
export function sectionPath(slug: string, section: SellerSection): string {
  const base = `/console/shows/${encodeURIComponent(slug)}`;
  return section === 'setup' ? base : `${base}/${section}`;
}
