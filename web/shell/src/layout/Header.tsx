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
        ...(session.user.role === 'buyer' ? [{ href: '/tickets', label: t.myTickets }] : []),
        { href: '/account', label: t.account },
      ]
    : [{ href: '/', label: t.home }, { href: '/login', label: t.logIn }, { href: '/signup', label: t.signUp }];

  return (
    <header className="header">
      <Link href="/" className="brand" aria-label={t.brandHome}>Clove</Link>
      <nav aria-label={t.mainNav} className="nav">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={pathname === link.href ? 'page' : undefined}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <LanguageSwitch />
    </header>
  );
}
