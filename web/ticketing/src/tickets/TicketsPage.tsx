import { useCallback, useState } from 'react';
import type { MyTicket } from '../api/tickets';
import { AppLink } from '../components/AppLink';
import { formatDate, priceFormat } from '../format';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { OrderHistory } from './OrderHistory';
import { ordersWithRefunds } from './ordersWithRefunds';
import { TicketCard, type RefundRecord } from './TicketCard';
import { useMyTickets } from './useMyTickets';
import '../styles.css';

interface ShowGroup {
  slug: string;
  title: string;
  venue: string;
  startsAt: string;
  tickets: MyTicket[];
}

function groupByShow(tickets: MyTicket[]): ShowGroup[] {
  const groups = new Map<string, ShowGroup>();
  for (const ticket of tickets) {
    let group = groups.get(ticket.slug);
    if (!group) {
      group = { slug: ticket.slug, title: ticket.title, venue: ticket.venue, startsAt: ticket.startsAt, tickets: [] };
      groups.set(ticket.slug, group);
    }
    group.tickets.push(ticket);
  }
  return [...groups.values()];
}

/** The buyer's tickets on every performance, with QR codes and refunds, and past orders. */
export default function TicketsPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const buyer = session?.user.role === 'buyer' ? session : null;
  const list = useMyTickets(buyer?.accessToken ?? null);
  const [refunds, setRefunds] = useState<ReadonlyMap<string, RefundRecord>>(new Map());
  const onRefunded = useCallback((ticketId: string, amount: number) => {
    setRefunds((previous) => new Map(previous).set(ticketId, { amount }));
  }, []);

  if (!buyer) {
    return (
      <section className="tk-page" aria-labelledby="tickets-heading">
        <h1 id="tickets-heading">{t.ticketsHeading}</h1>
        <p>{session ? t.buyersOnly : t.logInForTickets}</p>
        {!session && <AppLink href="/login" navigate={navigate} className="tk-button tk-button-primary">{t.logIn}</AppLink>}
      </section>
    );
  }

  const currencyOf = new Map(list.orders.map((order) => [order.orderId, order.currency]));
  const groups = groupByShow(list.tickets);

  return (
    <section className="tk-page" aria-labelledby="tickets-heading">
      <h1 id="tickets-heading">{t.ticketsHeading}</h1>
      <p className="lead">{t.ticketsIntro}</p>
      <div className="actions">
        <button type="button" className="tk-button" onClick={list.refresh} disabled={list.status === 'loading'}>
          {list.status === 'loading' && list.tickets.length > 0 ? t.refreshing : t.refresh}
        </button>
        <p className="hint">{t.refreshHint}</p>
      </div>
      {list.status === 'failed' && (
        <div role="alert" className="tk-panel tk-panel-error">
          <p>{t.ticketsFailed}</p>
          <button type="button" className="tk-button" onClick={list.refresh}>{t.tryAgain}</button>
        </div>
      )}
      <p role="status" className="hint">
        {list.status === 'loading' ? t.loadingTickets : list.status === 'ready' ? t.ticketCount(list.tickets.length) : ''}
      </p>
      {list.status === 'ready' && groups.length === 0 && (
        <p>{t.noTickets} <AppLink href="/" navigate={navigate}>{t.browse}</AppLink></p>
      )}
      {groups.map((group) => (
        <section key={group.slug} className="ticket-group" aria-labelledby={`group-${group.slug}`}>
          <h2 id={`group-${group.slug}`}>
            <AppLink href={`/shows/${encodeURIComponent(group.slug)}`} navigate={navigate}>{group.title}</AppLink>
          </h2>
          <p className="hint">
            {group.venue} · <time dateTime={group.startsAt}>{formatDate(group.startsAt, lang)}</time>
          </p>
          <ul className="ticket-list">
            {group.tickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketCard
                  ticket={ticket}
                  token={buyer.accessToken}
                  t={t}
                  price={priceFormat(lang, currencyOf.get(ticket.orderId) || 'KRW')}
                  refund={refunds.get(ticket.id)}
                  onRefunded={onRefunded}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {(list.status === 'ready' || list.orders.length > 0) && <OrderHistory orders={ordersWithRefunds(list.orders, refunds)} lang={lang} t={t} />}
    </section>
  );
}
