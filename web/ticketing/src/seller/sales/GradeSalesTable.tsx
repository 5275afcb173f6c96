import type { CSSProperties } from 'react';
import { formatCount, locales, type PriceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import type { Sales } from '../sellerApi';

interface GradeSalesTableProps {
  sales: Sales;
  lang: Lang;
  price: PriceFormat;
  t: Messages;
}

const share = (part: number, whole: number) => (whole > 0 ? `${(part / whole) * 100}%` : '0%');

/** Per grade: the numbers, and a bar of sold, held and available seats drawn from them. */
export function GradeSalesTable({ sales, lang, price, t }: GradeSalesTableProps) {
  const s = t.seller.sales;
  const count = (n: number) => formatCount(n, lang);
  const percent = new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="tk-table-scroll" role="region" aria-labelledby="grade-sales-caption" tabIndex={0}>
      <table className="tk-table">
        <caption id="grade-sales-caption">{s.byGrade}</caption>
        <thead>
          <tr>
            <th scope="col">{t.grade}</th>
            <th scope="col">{s.sold}</th>
            <th scope="col">{s.held}</th>
            <th scope="col">{s.available}</th>
            <th scope="col">{s.total}</th>
            <th scope="col">{s.revenue}</th>
            <th scope="col">{s.soldShare}</th>
          </tr>
        </thead>
        <tbody>
          {sales.grades.map((grade) => (
            <tr key={grade.grade}>
              <th scope="row">{grade.grade}</th>
              <td className="tk-num">{count(grade.sold)}</td>
              <td className="tk-num">{count(grade.held)}</td>
              <td className="tk-num">{count(grade.available)}</td>
              <td className="tk-num">{count(grade.total)}</td>
              <td className="tk-num">{price(grade.revenue)}</td>
              <td>
                <span className="tk-bar tk-bar-stack" aria-hidden="true">
                  <span className="tk-bar-sold" style={{ width: share(grade.sold, grade.total) } as CSSProperties} />
                  <span className="tk-bar-held" style={{ width: share(grade.held, grade.total) } as CSSProperties} />
                </span>
                <span className="tk-bar-text">{s.percent(percent.format(grade.total > 0 ? grade.sold / grade.total : 0))}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint tk-bar-legend" aria-hidden="true">
        <span className="tk-bar-key tk-bar-sold" /> {s.sold} <span className="tk-bar-key tk-bar-held" /> {s.held}{' '}
        <span className="tk-bar-key tk-bar-free" /> {s.available}
      </p>
    </div>
  );
}
