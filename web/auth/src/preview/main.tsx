import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import AccountPage from '../pages/AccountPage';
import LoginPage from '../pages/LoginPage';
import SignupPage from '../pages/SignupPage';
import type { Lang, RemotePageProps, Session } from '../session';

// A stand-alone page for working on the auth pages without the shell (`npx vite`).
// The shell never loads this file; it loads the exposed pages through remoteEntry.js.
const pages = { '/login': LoginPage, '/signup': SignupPage, '/account': AccountPage } as const;
type PagePath = keyof typeof pages;

function Preview() {
  const [path, setPath] = useState<PagePath>('/login');
  const [lang, setLang] = useState<Lang>('ko');
  const [session, setSession] = useState<Session | null>(null);
  const navigate = (next: string) => setPath(next in pages ? (next as PagePath) : '/account');
  const props: RemotePageProps = { lang, session, onSession: setSession, navigate };
  const Page = pages[path];
  return (
    <main style={{ padding: '1rem', fontFamily: 'system-ui, sans-serif' }}>
      <nav style={{ display: 'flex', gap: '1rem', marginBottom: '1rem' }}>
        {Object.keys(pages).map((p) => (
          <button key={p} type="button" aria-pressed={p === path} onClick={() => setPath(p as PagePath)}>{p}</button>
        ))}
        <button type="button" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>{lang === 'ko' ? 'English' : '한국어'}</button>
      </nav>
      <Page {...props} />
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Preview /></StrictMode>);
