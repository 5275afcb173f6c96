import { useLanguage } from '../language';
import { Link } from '../router';
import type { Session } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';

interface HeaderProps {
  pathname: string;
  session: Session | null;
}

export function Header({ pathname, session }: HeaderProps) {
  const { t } = useLanguage();
  const links = session
    ? [
        { href: '/', label: t.home },
        ...(session.user.role === 'buyer' ? [{ href: '/tickets', label: t.myTickets }] : [{ href: '/console', label: t.console }]),
        ...(session.user.role === 'admin'
          ? [
              { href: '/admin/system', label: t.system },
              { href: '/admin/alerts', label: t.alerts },
              { href: '/admin/pool', label: t.pool },
              { href: '/admin/templates', label: t.templates },
            ]
          : []),
        { href: '/account', label: t.account },
      ]
    : [{ href: '/', label: t.home }, { href: '/login', label: t.logIn }, { href: '/signup', label: t.signUp }];
  // A section's link stays marked on its sub-pages (/console/new, /admin/templates/{id}).
  const current = (href: string) =>
    pathname === href ? 'page' : href !== '/' && pathname.startsWith(`${href}/`) ? 'location' : undefined;

  return (
    <header className="header">
      <Link href="/" className="brand" aria-label={t.brandHome}>Clove</Link>
      <nav aria-label={t.mainNav} className="nav">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={current(link.href)}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <LanguageSwitch />
    </header>
  );
}
