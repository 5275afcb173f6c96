import type { ReactNode } from 'react';
import { HomePage } from './catalog/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { authPages } from './remotes/authPages';
import { adminPages, deployPages, monitoringPages } from './remotes/consolePages';
import { RemoteRegion } from './remotes/RemoteRegion';
import { ticketingPages } from './remotes/ticketingPages';
import type { RemotePageProps } from './session/session';

type Params = string[];

/** One page: a path pattern whose groups are URL-decoded and handed to `render`. */
interface Route {
  pattern: RegExp;
  render: (params: Params, props: RemotePageProps) => ReactNode;
}

const SEGMENT = '([^/]+)';
const route = (path: string, render: Route['render']): Route => ({
  pattern: new RegExp(`^${path.replaceAll(':p', SEGMENT)}$`),
  render,
});

// Paths must not collide with the gateway's API prefixes (/e/, /deploy/, /monitor/, /system/,
// /pool/, /template/ … are taken), hence /shows/, /console/ and /admin/.
const ROUTES: Route[] = [
  route('/', () => <HomePage />),
  route('/login', (_, props) => <RemoteRegion key="login" remote="auth" load={authPages.login} {...props} />),
  route('/signup', (_, props) => <RemoteRegion key="signup" remote="auth" load={authPages.signup} {...props} />),
  route('/account', (_, props) => <RemoteRegion key="account" remote="auth" load={authPages.account} {...props} />),
  route('/shows/:p', ([slug = ''], props) => (
    <RemoteRegion key={`show:${slug}`} remote="ticketing" load={ticketingPages.show} slug={slug} {...props} />
  )),
  route('/tickets', (_, props) => <RemoteRegion key="tickets" remote="ticketing" load={ticketingPages.tickets} {...props} />),

  route('/console', (_, props) => <RemoteRegion key="deployments" remote="deploy" load={deployPages.deployments} {...props} />),
  route('/console/new', (_, props) => <RemoteRegion key="new" remote="deploy" load={deployPages.newDeployment} {...props} />),
  route('/console/deployments/:p', ([id = ''], props) => (
    <RemoteRegion key={`deployment:${id}`} remote="deploy" load={deployPages.deployment} deploymentId={id} {...props} />
  )),
  route('/console/deployments/:p/monitor', ([id = ''], props) => (
    <RemoteRegion key={`monitor:${id}`} remote="monitoring" load={monitoringPages.deployment} deploymentId={id} {...props} />
  )),
  route('/console/shows/:p', ([slug = ''], props) => sellerShow(slug, 'setup', props)),
  route('/console/shows/:p/bookers', ([slug = ''], props) => sellerShow(slug, 'bookers', props)),
  route('/console/shows/:p/sales', ([slug = ''], props) => sellerShow(slug, 'sales', props)),

  route('/admin/system', (_, props) => <RemoteRegion key="system" remote="monitoring" load={monitoringPages.system} {...props} />),
  route('/admin/alerts', (_, props) => <RemoteRegion key="alerts" remote="monitoring" load={monitoringPages.alerts} {...props} />),
  route('/admin/pool', (_, props) => <RemoteRegion key="pool" remote="admin" load={adminPages.pool} {...props} />),
  route('/admin/templates', (_, props) => <RemoteRegion key="templates" remote="admin" load={adminPages.templates} {...props} />),
  route('/admin/templates/new', (_, props) => (
    <RemoteRegion key="template:new" remote="admin" load={adminPages.templateEditor} templateId={null} {...props} />
  )),
  route('/admin/templates/:p/copy', ([id = ''], props) => (
    <RemoteRegion key={`template-copy:${id}`} remote="admin" load={adminPages.templateEditor} templateId={null} copyOf={id} {...props} />
  )),
  route('/admin/templates/:p', ([id = ''], props) => (
    <RemoteRegion key={`template:${id}`} remote="admin" load={adminPages.templateEditor} templateId={id} {...props} />
  )),
];

function sellerShow(slug: string, section: 'setup' | 'bookers' | 'sales', props: RemotePageProps): ReactNode {
  // One key for the three sections: switching between them keeps the page, not reloads it.
  return <RemoteRegion key={`seller:${slug}`} remote="ticketing" load={ticketingPages.seller} slug={slug} section={section} {...props} />;
}

function decode(params: Params): Params | null {
  try {
    return params.map((param) => decodeURIComponent(param));
  } catch {
    return null;
  }
}

/** The page for a path. */
export function pageFor(pathname: string, props: RemotePageProps): ReactNode {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const { pattern, render } of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const params = decode(match.slice(1));
    return params ? render(params, props) : <NotFoundPage />;
  }
  return <NotFoundPage />;
}
