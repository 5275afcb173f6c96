import type { ReactNode } from 'react';
import { HomePage } from './catalog/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { authPages } from './remotes/authPages';
import { RemoteRegion } from './remotes/RemoteRegion';
import type { RemotePageProps } from './session/session';

/** The page for a path. Paths must not collide with the gateway's API prefixes. */
export function pageFor(pathname: string, props: RemotePageProps): ReactNode {
  switch (pathname.replace(/\/+$/, '') || '/') {
    case '/':
      return <HomePage />;
    case '/login':
      return <RemoteRegion key="login" remote="auth" load={authPages.login} {...props} />;
    case '/signup':
      return <RemoteRegion key="signup" remote="auth" load={authPages.signup} {...props} />;
    case '/account':
      return <RemoteRegion key="account" remote="auth" load={authPages.account} {...props} />;
    default:
      return <NotFoundPage />;
  }
}
