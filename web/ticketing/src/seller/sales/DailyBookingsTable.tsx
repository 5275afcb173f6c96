import { formatCount, locales, type PriceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import type { Sales } from '../sellerApi';

interface DailyBookingsTableProps {
  days: Sales['byDay'];
  lang: Lang;
  price: PriceFormat;
  t: Messages;
}

/** A UTC calendar day (2026-05-01) in the language, without shifting it to local time. */
function dayLabel(date: string, lang: Lang): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}

/** Orders, tickets, revenue and refunds per day, with a bar of tickets against the busiest day. */
export function DailyBookingsTable({ days, lang, price, t }: DailyBookingsTableProps) {
  const s = t.seller.sales;
  const count = (n: number) => formatCount(n, lang);
  const busiest = Math.max(1, ...days.map((day) => day.tickets));
  return (
    <section aria-labelledby="daily-heading">
      <h3 id="daily-heading">{s.byDay}</h3>
      {days.length === 0 ? (
        <p className="hint">{s.noBookings}</p>
      ) : (
        <div className="tk-table-scroll" role="region" aria-labelledby="daily-caption" tabIndex={0}>
          <table className="tk-table">
            <caption id="daily-caption">{s.byDayCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.day}</th>
                <th scope="col">{s.orders}</th>
                <th scope="col">{s.tickets}</th>
                <th scope="col">{s.revenue}</th>
                <th scope="col">{s.refunds}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row"><time dateTime={day.date}>{dayLabel(day.date, lang)}</time></th>
                  <td className="tk-num">{count(day.orders)}</td>
                  <td>
                    <span className="tk-bar" aria-hidden="true">
                      <span className="tk-bar-sold" style={{ width: `${(day.tickets / busiest) * 100}%` }} />
                    </span>
                    <span className="tk-bar-text">{count(day.tickets)}</span>
                  </td>
                  <td className="tk-num">{price(day.revenue)}</td>
                  <td className="tk-num">{day.refunds > 0 ? s.refundLine(count(day.refunds), price(day.refundedAmount)) : count(0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
