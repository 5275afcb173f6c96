import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Lang, RemotePageProps, Session } from '@clove/web-kit/session';
import PoolPage from '../pool/PoolPage';
import TemplateEditorPage from '../templates/TemplateEditorPage';
import TemplatesPage from '../templates/TemplatesPage';

// A stand-alone page for working on the admin pages without the shell (`npx vite`), with a
// gateway proxy of your own. The shell never loads this file; it loads the exposed pages
// through remoteEntry.js. Paste an admin's access token into ?token=… to call the API.
function previewSession(): Session | null {
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) return null;
  return {
    accessToken: token,
    refreshToken: '',
    expiresAt: Date.now() + 15 * 60_000,
    user: { id: 'preview', email: 'admin@preview', role: 'admin', name: null },
  };
}

function Preview() {
  const [lang, setLang] = useState<Lang>('ko');
  const [path, setPath] = useState('/admin/pool');
  const props: RemotePageProps = { lang, session: previewSession(), onSession: () => undefined, navigate: setPath };
  const editor = /^\/admin\/templates\/([^/]+)(\/copy)?$/.exec(path);
  return (
    <main style={{ padding: '1rem', fontFamily: 'system-ui, sans-serif' }}>
      <nav style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', marginBottom: '1rem' }}>
        <button type="button" aria-pressed={path === '/admin/pool'} onClick={() => setPath('/admin/pool')}>pool</button>
        <button type="button" aria-pressed={path === '/admin/templates'} onClick={() => setPath('/admin/templates')}>templates</button>
        <button type="button" aria-pressed={path === '/admin/templates/new'} onClick={() => setPath('/admin/templates/new')}>new template</button>
        <button type="button" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>{lang === 'ko' ? 'English' : '한국어'}</button>
      </nav>
      {path === '/admin/pool' && <PoolPage {...props} />}
      {path === '/admin/templates' && <TemplatesPage {...props} />}
      {editor && (editor[2]
        ? <TemplateEditorPage key={path} {...props} templateId={null} copyOf={decodeURIComponent(editor[1]!)} />
        : <TemplateEditorPage key={path} {...props} templateId={editor[1] === 'new' ? null : decodeURIComponent(editor[1]!)} />)}
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Preview /></StrictMode>);
