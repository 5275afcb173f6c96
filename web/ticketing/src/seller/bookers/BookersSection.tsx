import { useMemo, useState } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { formatCount, formatDate } from '../../format';
import type { Lang } from '../../session';
import { FailureNotice } from '../FailureNotice';
import type { SellerSectionProps } from '../sections';
import { fetchBookers, type Booker } from '../sellerApi';
import { BookersTable } from './BookersTable';
import { CsvDownload } from './CsvDownload';

function matches(booker: Booker, query: string, lang: Lang): boolean {
  const text = [booker.buyerName, booker.buyerEmail, booker.orderId, booker.orderStatus, booker.paymentStatus, formatDate(booker.paidAt, lang), ...booker.seats]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return query.split(/\s+/).every((word) => text.includes(word));
}

/** Who bought which seats (GET /bookers), filtered as typed, and the CSV file. */
export function BookersSection({ slug, lang, session, navigate, t, active, headingRef }: SellerSectionProps) {
  const s = t.seller.bookers;
  const list = useResource((signal) => fetchBookers(slug, session.accessToken, signal), { key: active ? slug : null });
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = useMemo(() => (list.data ?? []).filter((booker) => !needle || matches(booker, needle, lang)), [list.data, needle, lang]);

  return (
    <section className="tk-seller-section" aria-labelledby="bookers-heading" hidden={!active}>
      <h2 id="bookers-heading" ref={headingRef} tabIndex={-1}>{s.heading}</h2>
      <div className="tk-seller-toolbar">
        <div className="field">
          <label htmlFor="bookers-filter">{s.filter}</label>
          <input id="bookers-filter" type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-describedby="bookers-count" />
        </div>
        <button type="button" className="tk-button" onClick={list.refresh} disabled={list.loading}>
          {list.loading && list.data ? t.refreshing : t.refresh}
        </button>
        <CsvDownload slug={slug} token={session.accessToken} t={t} navigate={navigate} />
      </div>
      {list.failure !== null && (
        <FailureNotice failure={list.failure} what={s.failed} t={t} navigate={navigate} onRetry={list.refresh} />
      )}
      <p id="bookers-count" role="status" className="hint">
        {list.data === null
          ? list.loading ? s.loading : ''
          : needle
            ? s.filtered(formatCount(shown.length, lang), formatCount(list.data.length, lang))
            : s.count(list.data.length, formatCount(list.data.length, lang))}
      </p>
      {list.data && list.data.length === 0 && <p>{s.none}</p>}
      {shown.length > 0 && <BookersTable bookers={shown} lang={lang} t={t} />}
    </section>
  );
}
