import type { MouseEvent } from 'react';
import type { Messages } from '../i18n';
import type { PriceFormat } from '../format';
import { SeatRowView } from './SeatRowView';
import type { SeatStore } from './seatStore';
import { useStoreTopic } from './useStoreTopic';

interface SeatGridProps {
  store: SeatStore;
  t: Messages;
  price: PriceFormat;
}

/** The seat map: sections of rows of seat buttons, scrolling sideways when narrow. */
export function SeatGrid({ store, t, price }: SeatGridProps) {
  useStoreTopic(store, 'layout');

  // One handler for every seat: the buttons carry their id.
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-seat]');
    if (button?.dataset.seat && !button.disabled) store.toggle(button.dataset.seat);
  };

  return (
    <div className="seat-scroll" onClick={onClick}>
      <div className="seat-stage" aria-hidden="true" />
      {store.sections.map((section) => (
        <section key={section.name} className="seat-section" aria-label={t.section(section.name)}>
          <h3 className="seat-section-name">{t.section(section.name)}</h3>
          <div className="seat-rows">
            {section.rows.map((row) => (
              <SeatRowView key={row.key} store={store} row={row} t={t} price={price} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
