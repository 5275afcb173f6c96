import { formatCount, type PriceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import type { SeatMapPlan } from './planSeatMap';

interface BuilderSummaryProps {
  plan: SeatMapPlan;
  lang: Lang;
  price: PriceFormat;
  t: Messages['seller']['builder'];
}

/** Seats per grade and per section, the total and what a full sale brings, as the seller types. */
export function BuilderSummary({ plan, lang, price, t }: BuilderSummaryProps) {
  const count = (n: number) => formatCount(n, lang);
  const seatsByGrade = new Map<string, number>();
  for (const section of plan.sections) {
    for (const row of section.rows) seatsByGrade.set(row.gradeId, (seatsByGrade.get(row.gradeId) ?? 0) + row.seats);
  }
  const value = plan.grades.reduce((sum, grade) => sum + (grade.price ?? 0) * (seatsByGrade.get(grade.id) ?? 0), 0);
  const pricesKnown = plan.grades.every((grade) => grade.price !== null);

  return (
    <section className="tk-builder-summary" aria-labelledby="sm-summary-heading">
      <h3 id="sm-summary-heading">{t.summaryHeading}</h3>
      <p className="tk-builder-total" aria-live="polite" aria-atomic="true">
        {t.totalLine(count(plan.totalSeats), pricesKnown ? price(value) : null)}
      </p>
      <div className="tk-seller-tables">
        <div className="tk-table-scroll">
          <table className="tk-table">
            <caption>{t.byGrade}</caption>
            <thead>
              <tr><th scope="col">{t.grade}</th><th scope="col">{t.priceColumn}</th><th scope="col">{t.seats}</th><th scope="col">{t.fullSale}</th></tr>
            </thead>
            <tbody>
              {plan.grades.map((grade, index) => {
                const seats = seatsByGrade.get(grade.id) ?? 0;
                return (
                  <tr key={grade.id}>
                    <th scope="row">{grade.name || t.gradeN(index + 1)}</th>
                    <td>{grade.price === null ? '–' : price(grade.price)}</td>
                    <td>{count(seats)}</td>
                    <td>{grade.price === null ? '–' : price(grade.price * seats)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="tk-table-scroll">
          <table className="tk-table">
            <caption>{t.bySection}</caption>
            <thead>
              <tr><th scope="col">{t.section}</th><th scope="col">{t.rows}</th><th scope="col">{t.seats}</th></tr>
            </thead>
            <tbody>
              {plan.sections.map((section, index) => (
                <tr key={section.id}>
                  <th scope="row">{section.name || t.sectionN(index + 1)}</th>
                  <td>{count(section.rows.length)}</td>
                  <td>{count(section.rows.reduce((sum, row) => sum + row.seats, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
