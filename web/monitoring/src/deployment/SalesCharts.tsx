import { useMemo } from 'react';
import { formatCount, priceFormat } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import type { TicketView } from '../api/views';
import { ChartFigure } from '../charts/ChartFigure';
import type { Messages } from '../i18n';
import { salesCharts } from './salesCharts';

interface SalesChartsProps {
  view: TicketView;
  lang: Lang;
  t: Messages;
}

/** Bookings and revenue per interval of the performance, from its own data. */
export function SalesCharts({ view, lang, t }: SalesChartsProps) {
  const { bookings, money, anything } = useMemo(() => salesCharts(view, t), [view, t]);
  if (!anything) return <p className="mon-empty">{t.noSalesData}</p>;
  const count = (value: number) => formatCount(Math.round(value * 10) / 10, lang);
  const price = priceFormat(lang, view.currency || 'KRW');
  const interval = t.perInterval(Math.round(view.stepSeconds / 60));
  return (
    <div className="mon-figures">
      <ChartFigure title={t.bookingsChart} description={interval} data={bookings} formatValue={count} lang={lang} t={t} stepped emptyText={t.noSalesData} />
      <ChartFigure title={t.revenueChart} description={interval} data={money} formatValue={price} lang={lang} t={t} stepped emptyText={t.noSalesData} />
    </div>
  );
}
