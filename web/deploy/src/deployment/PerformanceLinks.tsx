import { AppLink } from '../components/AppLink';
import type { Messages } from '../i18n';

interface PerformanceLinksProps {
  id: string;
  slug: string;
  t: Messages;
  navigate: (path: string) => void;
}

/** Where the seller goes next: the performance's own pages, its monitoring, its storefront. */
export function PerformanceLinks({ id, slug, t, navigate }: PerformanceLinksProps) {
  const show = `/console/shows/${encodeURIComponent(slug)}`;
  const links = [
    { href: show, label: t.setUp },
    { href: `${show}/bookers`, label: t.bookers },
    { href: `${show}/sales`, label: t.sales },
    { href: `/console/deployments/${encodeURIComponent(id)}/monitor`, label: t.monitoring },
    { href: `/shows/${encodeURIComponent(slug)}`, label: t.storefront },
  ];
  return (
    <nav className="dp-section" aria-labelledby="dp-links-heading">
      <h2 id="dp-links-heading">{t.linksHeading}</h2>
      <ul className="dp-links">
        {links.map((link) => (
          <li key={link.href}><AppLink href={link.href} navigate={navigate} className="dp-button">{link.label}</AppLink></li>
        ))}
      </ul>
    </nav>
  );
}
