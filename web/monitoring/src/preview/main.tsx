import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Lang, RemotePageProps, Role, Session } from '@clove/web-kit/session';
import AlertsPage from '../alerts/AlertsPage';
import DeploymentMonitorPage from '../deployment/DeploymentMonitorPage';
import SystemPage from '../system/SystemPage';

type Page = 'monitor' | 'system' | 'alerts';

// A stand-alone page for working on the monitoring pages without the shell (`npx vite`), with a
// gateway proxy of your own. The shell never loads this file; it loads the exposed pages
// through remoteEntry.js. Open ?deployment=<id>&token=<access token>&role=<seller|admin>.
function sessionFromQuery(query: URLSearchParams): Session | null {
  const token = query.get('token');
  if (!token) return null;
  const role = (query.get('role') ?? 'admin') as Role;
  return { accessToken: token, refreshToken: '', expiresAt: Date.now() + 3_600_000, user: { id: 'preview', email: 'preview@clove.test', role, name: null } };
}

function Preview() {
  const query = new URLSearchParams(window.location.search);
  const [lang, setLang] = useState<Lang>('ko');
  const [page, setPage] = useState<Page>('monitor');
  const session = sessionFromQuery(query);
  const deploymentId = query.get('deployment') ?? '00000000-0000-4000-8000-000000000000';
  const navigate = (path: string) => setPage(path === '/admin/system' ? 'system' : path === '/admin/alerts' ? 'alerts' : 'monitor');
  const props: RemotePageProps = { lang, session, onSession: () => undefined, navigate };
  return (
    <main style={{ padding: '1rem', fontFamily: 'system-ui, sans-serif' }}>
      <nav style={{ display: 'flex', gap: '1rem', marginBottom: '1rem', flexWrap: 'wrap' }}>
        {(['monitor', 'system', 'alerts'] as const).map((name) => (
          <button key={name} type="button" aria-pressed={page === name} onClick={() => setPage(name)}>{name}</button>
        ))}
        <button type="button" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>{lang === 'ko' ? 'English' : '한국어'}</button>
      </nav>
      {page === 'monitor' && <DeploymentMonitorPage {...props} deploymentId={deploymentId} />}
      {page === 'system' && <SystemPage {...props} />}
      {page === 'alerts' && <AlertsPage {...props} />}
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Preview /></StrictMode>);
