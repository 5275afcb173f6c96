import { AppLink } from '@clove/web-kit/AppLink';
import type { Messages } from '../i18n';
import { sectionPath, SELLER_SECTIONS, type SellerSection } from './sections';

interface SectionNavProps {
  slug: string;
  current: SellerSection;
  t: Messages['seller'];
  navigate: (path: string) => void;
}

/** Links to the three sections, the current one marked with aria-current. */
export function SectionNav({ slug, current, t, navigate }: SectionNavProps) {
  return (
    <nav className="tk-seller-nav" aria-label={t.sectionsNav}>
      <ul>
        {SELLER_SECTIONS.map((section) => (
          <li key={section}>
            <AppLink href={sectionPath(slug, section)} navigate={navigate} aria-current={section === current ? 'page' : undefined}>
              {t.sectionNames[section]}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
