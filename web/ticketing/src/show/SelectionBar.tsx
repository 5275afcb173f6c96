import { AppLink } from '../components/AppLink';
import type { PriceFormat } from '../format';
import type { Messages } from '../i18n';
import type { Session } from '../session';
import type { SeatStore } from './seatStore';
import { useStoreTopic } from './useStoreTopic';

interface SelectionBarProps {
  store: SeatStore;
  session: Session | null;
  t: Messages;
  price: PriceFormat;
  maxSeats: number | null;
  /** The seats of the buyer's live hold, which a new hold replaces. */
  held: readonly string[];
  holding: boolean;
  onHold: () => void;
  navigate: (path: string) => void;
}

/**
 * The chosen seats, their total, and the way to hold them (or to log in first). It says before
 * the click what the click does: too many seats cannot be held, and a new hold replaces the live one.
 */
export function SelectionBar({ store, session, t, price, maxSeats, held, holding, onHold, navigate }: SelectionBarProps) {
  useStoreTopic(store, 'selection');
  const seats = store.selection();
  const total = seats.reduce((sum, seat) => sum + seat.price, 0);
  const extra = maxSeats !== null ? seats.length - maxSeats : 0;
  const replacing = seats.length > 0 && held.length > 0;

  return (
    <div className="selection">
      <p role="status" className="selection-summary">
        {t.selection(seats.length, maxSeats)}
        {seats.length > 0 && <> {seats.map((seat) => seat.id).join(', ')} · {t.total} {price(total)}</>}
        {extra > 0 && <> <strong className="selection-limit">{t.tooManySelected(maxSeats!, extra)}</strong></>}
        {replacing && extra <= 0 && <> {t.replacesHold(held.join(', '))}</>}
      </p>
      <div className="actions">
        {seats.length > 0 && (
          <button type="button" className="tk-button" onClick={() => store.clearSelection()}>{t.clearSelection}</button>
        )}
        {!session ? (
          <p className="hint">
            {t.logInToBuy} <AppLink href="/login" navigate={navigate}>{t.logIn}</AppLink>
          </p>
        ) : session.user.role !== 'buyer' ? (
          <p className="hint">{t.buyersOnly}</p>
        ) : (
          <button type="button" className="tk-button tk-button-primary" onClick={onHold} disabled={holding || extra > 0}>
            {holding ? t.holding : replacing ? t.holdInstead : t.holdSeats}
          </button>
        )}
      </div>
    </div>
  );
}
