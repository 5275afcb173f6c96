import { useMemo } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { formatCount, locales, priceFormat } from '../../format';
import { FailureNotice } from '../FailureNotice';
import type { SellerSectionProps } from '../sections';
import { fetchSales } from '../sellerApi';
import { DailyBookingsTable } from './DailyBookingsTable';
import { GradeSalesTable } from './GradeSalesTable';

/** Polled while the section is shown; a refresh keeps the figures on screen until new ones arrive. */
const QUIET_REFRESH_MS = 15_000;

/** Sold, held and available seats per grade, revenue, refunds and bookings per day (GET /sales). */
export function SalesSection({ slug, lang, session, navigate, t, active, headingRef }: SellerSectionProps) {
  const s = t.seller.sales;
  const sales = useResource((signal) => fetchSales(slug, session.accessToken, signal), {
    key: active ? slug : null,
    intervalMs: QUIET_REFRESH_MS,
  });
  const data = sales.data;
  const price = useMemo(() => priceFormat(lang, data?.currency || 'KRW'), [lang, data?.currency]);
  const count = (n: number) => formatCount(n, lang);
  const time = (at: number) => new Intl.DateTimeFormat(locales[lang], { timeStyle: 'medium' }).format(at);

  return (
    <section className="tk-seller-section" aria-labelledby="sales-heading" hidden={!active}>
      <h2 id="sales-heading" ref={headingRef} tabIndex={-1}>{s.heading}</h2>
      <div className="tk-seller-toolbar">
        <button type="button" className="tk-button" onClick={sales.refresh} disabled={sales.loading}>
          {sales.loading && data ? t.refreshing : t.refresh}
        </button>
        <p className="hint">{sales.updatedAt ? s.updatedAt(time(sales.updatedAt)) : sales.loading ? s.loading : ''} {s.autoRefresh}</p>
      </div>
      {sales.failure !== null && <FailureNotice failure={sales.failure} what={s.failed} t={t} navigate={navigate} onRetry={sales.refresh} />}
      {data && (
        <>
          <dl className="tk-seller-totals">
            <div><dt>{s.sold}</dt><dd data-total="sold">{count(data.totals.sold)}</dd></div>
            <div><dt>{s.held}</dt><dd>{count(data.totals.held)}</dd></div>
            <div><dt>{s.available}</dt><dd>{count(data.totals.available)}</dd></div>
            <div><dt>{s.revenue}</dt><dd data-total="revenue">{price(data.totals.revenue)}</dd></div>
            <div>
              <dt>{s.refunds}</dt>
              <dd>{s.refundLine(count(data.totals.refunds.count), price(data.totals.refunds.amount))}</dd>
            </div>
          </dl>
          <GradeSalesTable sales={data} lang={lang} price={price} t={t} />
          <DailyBookingsTable days={data.byDay} lang={lang} price={price} t={t} />
        </>
      )}
    </section>
  );
}
