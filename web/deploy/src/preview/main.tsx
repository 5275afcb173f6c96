import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import DeploymentPage from '../deployment/DeploymentPage';
import DeploymentsPage from '../deployments/DeploymentsPage';
import NewDeploymentPage from '../new/NewDeploymentPage';
import type { Lang, RemotePageProps, Session } from '../session';

// A stand-alone page for working on the console without the shell (`npx vite`), with a
// gateway proxy of your own. The shell never loads this file; it loads the exposed pages
// through remoteEntry.js. Give ?token=<seller access token> to be signed in, and follow the
// links between the pages as the shell would.
function sessionFromQuery(): Session | null {
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) return null;
  const role = new URLSearchParams(window.location.search).get('role') === 'admin' ? 'admin' : 'seller';
  return { accessToken: token, refreshToken: '', expiresAt: Date.now() + 3_600_000, user: { id: 'preview', email: 'preview@example.com', role, name: null } };
}

function Preview() {
  const [lang, setLang] = useState<Lang>('ko');
  const [path, setPath] = useState('/console');
  const [session, setSession] = useState<Session | null>(sessionFromQuery);
  const props: RemotePageProps = { lang, session, onSession: setSession, navigate: setPath };
  const deployment = /^\/console\/deployments\/([^/]+)$/.exec(path);
  return (
    <main style={{ padding: '1rem', fontFamily: 'system-ui, sans-serif' }}>
      <nav style={{ display: 'flex', gap: '1rem', marginBottom: '1rem' }}>
        <button type="button" aria-pressed={path === '/console'} onClick={() => setPath('/console')}>console</button>
        <button type="button" aria-pressed={path === '/console/new'} onClick={() => setPath('/console/new')}>new</button>
        <button type="button" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>{lang === 'ko' ? 'English' : '한국어'}</button>
        <code>{path}</code>
      </nav>
      {path === '/console/new' ? (
        <NewDeploymentPage {...props} />
      ) : deployment?.[1] ? (
        <DeploymentPage {...props} deploymentId={decodeURIComponent(deployment[1])} />
      ) : (
        <DeploymentsPage {...props} />
      )}
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Preview /></StrictMode>);
