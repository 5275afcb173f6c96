import { useEffect, useRef } from 'react';
import { Header } from './layout/Header';
import { useLanguage } from './language';
import { pageFor } from './routes';
import { navigate, usePathname } from './router';
import { useSession } from './session/useSession';

export function App() {
  const { t, lang } = useLanguage();
  const pathname = usePathname();
  const [session, setSession] = useSession();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After client-side navigation, start reading at the new page, as a page load would.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">{t.skipToContent}</a>
      <Header pathname={pathname} session={session} />
      <main id="main" ref={main} tabIndex={-1} className="main">
        {pageFor(pathname, { lang, session, onSession: setSession, navigate })}
      </main>
    </div>
  );
}
