import { useState } from 'react';
import { useLanguage } from '../language';
import { EventCard } from './EventCard';
import { useCatalog } from './useCatalog';

export function HomePage() {
  const { t } = useLanguage();
  const [query, setQuery] = useState('');
  const [attempt, setAttempt] = useState(0);
  const catalog = useCatalog(query, attempt);

  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">{t.catalogHeading}</h1>
      <p className="lead">{t.catalogIntro}</p>
      <form role="search" className="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="catalog-search">{t.searchLabel}</label>
        <input
          id="catalog-search"
          name="q"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby="catalog-search-hint"
          maxLength={100}
          autoComplete="off"
        />
        <p id="catalog-search-hint" className="hint">{t.searchHint}</p>
      </form>

      {catalog.status === 'failed' ? (
        <div role="alert" className="panel panel-error">
          <p>{t.catalogFailed}</p>
          <button type="button" className="button" onClick={() => setAttempt(attempt + 1)}>{t.tryAgain}</button>
        </div>
      ) : (
        <p role="status" className="hint">
          {catalog.status === 'loading' ? t.loadingCatalog : t.eventCount(catalog.events.length)}
        </p>
      )}

      {catalog.status === 'ready' && catalog.events.length === 0 && (
        <p className="empty">{query.trim() ? t.noMatches : t.noEvents}</p>
      )}
      {catalog.events.length > 0 && (
        <ul className="events" aria-busy={catalog.status === 'loading'}>
          {catalog.events.map((event) => (
            <li key={event.slug}><EventCard event={event} /></li>
          ))}
        </ul>
      )}
    </section>
  );
}
