import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LiveHold, Purchase } from '../api/show';
import { describeFailure } from '../describeFailure';
import type { PriceFormat } from '../format';
import type { Messages } from '../i18n';
import { checkCard, normaliseCard, type CardErrors } from './cardInput';
import { CardField } from './CardField';
import { Countdown } from './Countdown';
import { usePayment } from './usePayment';

interface CheckoutProps {
  slug: string;
  token: string;
  hold: LiveHold;
  t: Messages;
  price: PriceFormat;
  /** Moves keyboard focus to the checkout when it appears (the buyer just held these seats). */
  focusOnShow: boolean;
  releasing: boolean;
  onRelease: () => void;
  onPaid: (purchase: Purchase) => void;
  onExpired: () => void;
}

/** The card form's fields in the order they are shown. */
const CARD_FIELDS = ['number', 'expiry', 'cvc'] as const;

/** The held seats with their countdown, and the card form that pays for them. */
export function Checkout({ slug, token, hold, t, price, focusOnShow, releasing, onRelease, onPaid, onExpired }: CheckoutProps) {
  const { pay, paying } = usePayment(slug, token);
  const [errors, setErrors] = useState<CardErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seats = hold.seats;
  const total = seats.reduce((sum, seat) => sum + seat.price, 0);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  useEffect(() => {
    if (focusOnShow) headingRef.current?.focus();
  }, [focusOnShow]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const card = normaliseCard(event.currentTarget);
    const invalid = checkCard(card, t);
    setErrors(invalid);
    setFailure(null);
    const firstInvalid = CARD_FIELDS.find((field) => invalid[field]);
    if (firstInvalid) {
      // By name: the fields are marked invalid only once this state is drawn.
      (event.currentTarget.elements.namedItem(firstInvalid) as HTMLInputElement | null)?.focus();
      return;
    }
    const result = await pay(hold.holdId, card);
    if (result.outcome === 'paid') onPaid(result.purchase);
    else if (result.outcome === 'expired') onExpired();
    else setFailure(describeFailure(result.failure, t));
  };

  return (
    <section className="checkout" aria-labelledby="checkout-heading">
      <h2 id="checkout-heading" ref={headingRef} tabIndex={-1}>{t.checkoutHeading}</h2>
      <Countdown until={hold.expiresAt} label={t.timeLeft} spoken={{ minutes: t.minutesLeft, seconds: t.secondsLeft }} onExpire={onExpired} />
      <h3 className="checkout-subheading">{t.heldSeats}</h3>
      <ul className="held-seats">
        {seats.map((seat) => (
          <li key={seat.id}>
            <span>{seat.id} · {seat.grade}</span> <span>{price(seat.price)}</span>
          </li>
        ))}
      </ul>
      <p className="checkout-total">{t.total} <strong>{price(total)}</strong></p>
      <button type="button" className="tk-button" onClick={onRelease} disabled={releasing || paying}>
        {releasing ? t.releasing : t.release}
      </button>

      <form className="card-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {failure && <div ref={alertRef} role="alert" className="tk-alert" tabIndex={-1}>{failure}</div>}
        <CardField id="card-number" name="number" label={t.cardNumber} error={errors.number} autoComplete="cc-number" maxLength={23} />
        <div className="card-form-pair">
          <CardField id="card-expiry" name="expiry" label={t.expiry} error={errors.expiry} autoComplete="cc-exp" maxLength={7} />
          <CardField id="card-cvc" name="cvc" label={t.cvc} error={errors.cvc} autoComplete="cc-csc" maxLength={4} />
        </div>
        <p className="hint">{t.testCards}</p>
        <button type="submit" className="tk-button tk-button-primary" disabled={paying || releasing}>
          {paying ? t.paying : t.pay}
        </button>
        {paying && <p role="status" className="hint">{t.paying}</p>}
      </form>
    </section>
  );
}
