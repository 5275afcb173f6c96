import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import ShowPage from '../show/ShowPage';
import TicketsPage from '../tickets/TicketsPage';
import type { Lang, RemotePageProps } from '../session';

// A stand-alone page for working on the storefront without the shell (`npx vite`), with a
// gateway proxy of your own. The shell never loads this file; it loads the exposed pages
// through remoteEntry.js. Open ?slug=<performance> to choose the performance.
function Preview() {
  const [lang, setLang] = useState<Lang>('ko');
  const [page, setPage] = useState<'show' | 'tickets'>('show');
  const slug = new URLSearchParams(window.location.search).get('slug') ?? 'demo';
  const props: RemotePageProps = { lang, session: null, onSession: () => undefined, navigate: (path) => setPage(path === '/tickets' ? 'tickets' : 'show') };
  return (
    <main style={{ padding: '1rem', fontFamily: 'system-ui, sans-serif' }}>
      <nav style={{ display: 'flex', gap: '1rem', marginBottom: '1rem' }}>
        <button type="button" aria-pressed={page === 'show'} onClick={() => setPage('show')}>show</button>
        <button type="button" aria-pressed={page === 'tickets'} onClick={() => setPage('tickets')}>tickets</button>
        <button type="button" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>{lang === 'ko' ? 'English' : '한국어'}</button>
      </nav>
      {page === 'show' ? <ShowPage {...props} slug={slug} /> : <TicketsPage {...props} />}
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Preview /></StrictMode>);
