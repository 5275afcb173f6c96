import type { Lang } from '../session';
import { formatCount, type PriceFormat } from '../format';
import type { Messages } from '../i18n';
import type { SeatStore } from './seatStore';
import { useStoreTopic } from './useStoreTopic';

interface GradeLegendProps {
  store: SeatStore;
  lang: Lang;
  t: Messages;
  price: PriceFormat;
  /** The map shows one section at a time: the counts are that section's. */
  bySection?: boolean;
}

/** What the seat colours and symbols mean, and the seats left in each grade. */
export function GradeLegend({ store, lang, t, price, bySection = false }: GradeLegendProps) {
  useStoreTopic(store, 'summary');
  const states = [
    { look: 'available', label: t.available },
    { look: 'held', label: t.held },
    { look: 'sold', label: t.sold },
    { look: 'selected', label: t.selected },
  ];

  return (
    <div className="legend">
      <ul className="legend-states" aria-label={t.legend}>
        {states.map((state) => (
          <li key={state.look}>
            <span className={`seat seat-sample seat-${state.look}`} aria-hidden="true" />
            {state.label}
          </li>
        ))}
      </ul>
      <table className="legend-grades">
        <caption>{bySection && store.sections.length === 1 ? t.gradesIn(store.sections[0]!.name) : t.grades}</caption>
        <tbody>
          {store.gradeCounts().map((count) => (
            <tr key={count.grade}>
              <th scope="row">{count.grade}</th>
              <td>{price(count.price)}</td>
              <td>{t.seatsLeft(formatCount(count.remaining, lang))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
