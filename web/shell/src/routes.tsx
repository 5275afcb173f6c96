import type { ReactNode } from 'react';
import { HomePage } from './catalog/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { authPages } from './remotes/authPages';
import { RemoteRegion } from './remotes/RemoteRegion';
import { ticketingPages } from './remotes/ticketingPages';
import type { RemotePageProps } from './session/session';

const SHOW_PATH = /^\/shows\/([^/]+)$/;

/** The performance a /shows/{slug} path names, or null. */
function showSlug(path: string): string | null {
  const match = SHOW_PATH.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The page for a path. Paths must not collide with the gateway's API prefixes (/e/ is one). */
export function pageFor(pathname: string, props: RemotePageProps): ReactNode {
  const path = pathname.replace(/\/+$/, '') || '/';
  const slug = showSlug(path);
  if (slug !== null) {
    return <RemoteRegion key={`show:${slug}`} remote="ticketing" load={ticketingPages.show} slug={slug} {...props} />;
  }
  switch (path) {
    case '/':
      return <HomePage />;
    case '/login':
      return <RemoteRegion key="login" remote="auth" load={authPages.login} {...props} />;
    case '/signup':
      return <RemoteRegion key="signup" remote="auth" load={authPages.signup} {...props} />;
    case '/account':
      return <RemoteRegion key="account" remote="auth" load={authPages.account} {...props} />;
    case '/tickets':
      return <RemoteRegion key="tickets" remote="ticketing" load={ticketingPages.tickets} {...props} />;
    default:
      return <NotFoundPage />;
  }
}
