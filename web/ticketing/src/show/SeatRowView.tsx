import { memo } from 'react';
import type { Messages } from '../i18n';
import type { PriceFormat } from '../format';
import type { SeatRow, SeatStore } from './seatStore';
import { useStoreTopic } from './useStoreTopic';

interface SeatRowViewProps {
  store: SeatStore;
  row: SeatRow;
  t: Messages;
  price: PriceFormat;
}

/**
 * One row of seats. It watches only its own row in the store, so a change to one seat
 * renders one row; clicks and keys are handled once for the whole map (see SeatGrid).
 */
export const SeatRowView = memo(function SeatRowView({ store, row, t, price }: SeatRowViewProps) {
  useStoreTopic(store, `row:${row.key}`);

  const rowLabel = t.row(row.label);
  return (
    <div className="seat-row" role="group" aria-label={rowLabel}>
      <span className="seat-row-label" aria-hidden="true">{row.label}</span>
      {row.seats.map((seat) => {
        const state = store.stateOf(seat.id) ?? 'sold';
        const mine = store.isMine(seat.id);
        const selected = store.isSelected(seat.id);
        const look = mine || selected ? 'selected' : state;
        const stateText = mine ? t.yourSeat : t.seatState[state];
        return (
          <button
            key={seat.id}
            type="button"
            className={`seat seat-${look}`}
            data-seat={seat.id}
            aria-label={`${seat.id} ${seat.grade} ${price(seat.price)} ${stateText}`}
            aria-pressed={selected || mine}
            disabled={state !== 'available' || mine}
            tabIndex={store.isTabStop(seat.id) ? 0 : -1}
            title={`${seat.id} · ${seat.grade} · ${price(seat.price)}`}
          >
            {seat.number}
          </button>
        );
      })}
    </div>
  );
});
