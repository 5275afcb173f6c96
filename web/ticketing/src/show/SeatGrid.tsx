import type { FocusEvent, KeyboardEvent, MouseEvent } from 'react';
import type { Messages } from '../i18n';
import type { PriceFormat } from '../format';
import { SeatRowView } from './SeatRowView';
import type { SeatKey, SeatStore } from './seatStore';
import { useStoreTopic } from './useStoreTopic';

const SEAT_KEYS: ReadonlySet<string> = new Set<SeatKey>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

interface SeatGridProps {
  store: SeatStore;
  t: Messages;
  price: PriceFormat;
}

/**
 * The seat map: sections of rows of seat buttons, scrolling sideways when narrow. Tab reaches
 * one seat per section; arrow keys move within it (left/right in a row, up/down between rows).
 */
export function SeatGrid({ store, t, price }: SeatGridProps) {
  useStoreTopic(store, 'layout');

  // One handler for every seat: the buttons carry their id.
  const seatOf = (target: EventTarget) => (target as HTMLElement).closest<HTMLButtonElement>('button[data-seat]');
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = seatOf(event.target);
    if (button?.dataset.seat && !button.disabled) store.toggle(button.dataset.seat);
  };

  // Each section is one tab stop; arrow keys, Home and End move between its seats.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const id = seatOf(event.target)?.dataset.seat;
    if (id) store.moveTabStop(id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const id = seatOf(event.target)?.dataset.seat;
    if (!id || !SEAT_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const next = store.neighbour(id, event.key as SeatKey);
    event.preventDefault();
    if (!next) return;
    store.moveTabStop(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`button[data-seat="${CSS.escape(next)}"]`)?.focus();
  };

  return (
    <div className="seat-scroll" onClick={onClick} onFocus={onFocus} onKeyDown={onKeyDown}>
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
