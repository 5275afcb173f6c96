import { useCallback, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { SeatsSection } from './SeatsSection';
import { ShowFacts } from './ShowFacts';
import { useShow } from './useShow';
import '../styles.css';

export interface ShowPageProps extends RemotePageProps {
  slug: string;
}

/** A performance: its details, the live seat map and checkout. */
export default function ShowPage(props: ShowPageProps) {
  const { lang, slug, navigate } = props;
  const t = messages(lang);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state = useShow(slug, attempt);

  if (state.status === 'loading') {
    return <div className="tk-page"><p role="status" className="hint">{t.loadingShow}</p></div>;
  }
  if (state.status === 'missing' || state.status === 'failed') {
    return (
      <div className="tk-page">
        <div role="alert" className="tk-panel tk-panel-error">
          <p>{state.status === 'missing' ? t.showNotFound : t.showFailed}</p>
          <div className="actions">
            {state.status === 'failed' && <button type="button" className="tk-button" onClick={retry}>{t.tryAgain}</button>}
            <AppLink href="/" navigate={navigate} className="tk-button">{t.backHome}</AppLink>
          </div>
        </div>
      </div>
    );
  }
  return (
    <article className="tk-page" aria-labelledby="show-heading">
      <ShowFacts show={state.show} lang={lang} t={t} />
      <SeatsSection {...props} show={state.show} t={t} />
    </article>
  );
}
