import { useEffect, useRef } from 'react';
import type { Purchase } from '../api/show';
import { AppLink } from '../components/AppLink';
import type { PriceFormat } from '../format';
import type { Messages } from '../i18n';

interface PurchaseSummaryProps {
  purchase: Purchase;
  t: Messages;
  price: PriceFormat;
  navigate: (path: string) => void;
}

/** What the buyer just bought. */
export function PurchaseSummary({ purchase, t, price, navigate }: PurchaseSummaryProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="purchase" aria-labelledby="purchase-heading">
      <h2 id="purchase-heading" ref={heading} tabIndex={-1}>{t.purchasedHeading}</h2>
      <p>{t.orderNumber} <code>{purchase.order.id}</code> · {t.total} <strong>{price(purchase.order.amount)}</strong></p>
      <ul className="purchase-tickets">
        {purchase.tickets.map((ticket) => (
          <li key={ticket.id}>{t.ticketFor(ticket.seatId)}</li>
        ))}
      </ul>
      <AppLink href="/tickets" navigate={navigate} className="tk-button tk-button-primary">{t.seeTickets}</AppLink>
    </section>
  );
}
