import { useEffect, useRef, useState } from 'react';
import type { MyTicket } from '../api/tickets';
import type { PriceFormat } from '../format';
import type { Messages } from '../i18n';
import { RefundControl } from './RefundControl';
import { TicketQr } from './TicketQr';

export interface RefundRecord {
  amount: number;
}

interface TicketCardProps {
  ticket: MyTicket;
  token: string;
  t: Messages;
  price: PriceFormat;
  refund: RefundRecord | undefined;
  onRefunded: (ticketId: string, amount: number) => void;
}

/** One ticket: seat, grade, price and state, its QR code on demand, and the refund. */
export function TicketCard({ ticket, token, t, price, refund, onRefunded }: TicketCardProps) {
  const [showQr, setShowQr] = useState(false);
  const state = refund ? 'refunded' : ticket.performanceRemoved ? 'removed' : 'valid';
  const qrId = `qr-${ticket.id}`;
  // The refund control goes away with the refund: keyboard focus goes to what it says.
  const refundedNotice = useRef<HTMLParagraphElement>(null);
  const [justRefunded, setJustRefunded] = useState(false);
  useEffect(() => {
    if (justRefunded && refund) refundedNotice.current?.focus();
  }, [justRefunded, refund]);

  return (
    <article className={`ticket ticket-${state}`} aria-label={`${ticket.title} ${ticket.seatId}`}>
      <dl className="ticket-facts">
        <div><dt>{t.seat}</dt><dd>{ticket.seatId}</dd></div>
        <div><dt>{t.grade}</dt><dd>{ticket.grade}</dd></div>
        <div><dt>{t.price}</dt><dd>{price(ticket.price)}</dd></div>
        <div><dt>{t.state}</dt><dd className="ticket-state">{t.ticketState[state]}</dd></div>
      </dl>
      {refund ? (
        <p ref={refundedNotice} tabIndex={-1} role="status" className="tk-notice">{t.refunded(price(refund.amount))}</p>
      ) : ticket.performanceRemoved ? (
        // Its QR code and refund belong to a performance that is gone; the slug may serve another now.
        <p className="tk-notice">{t.performanceRemoved}</p>
      ) : (
        <div className="actions">
          <button type="button" className="tk-button" aria-expanded={showQr} aria-controls={qrId} onClick={() => setShowQr(!showQr)}>
            {showQr ? t.hideQr : t.showQr}
          </button>
          <RefundControl slug={ticket.slug} token={token} ticketId={ticket.id} t={t} onRefunded={(amount) => {
            setJustRefunded(true);
            onRefunded(ticket.id, amount);
          }} />
        </div>
      )}
      <div id={qrId}>
        {showQr && state === 'valid' && (
          <TicketQr slug={ticket.slug} token={token} ticketId={ticket.id} alt={t.qrAlt(ticket.seatId, ticket.title)} t={t} />
        )}
      </div>
    </article>
  );
}
