import type { MyOrder } from '../api/tickets';
import { formatDate, priceFormat } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

interface OrderHistoryProps {
  orders: MyOrder[];
  lang: Lang;
  t: Messages;
}

/** Every order of the buyer, newest first, in every state. */
export function OrderHistory({ orders, lang, t }: OrderHistoryProps) {
  return (
    <section className="orders" aria-labelledby="orders-heading">
      <h2 id="orders-heading">{t.ordersHeading}</h2>
      {orders.length === 0 ? (
        <p className="hint">{t.noOrders}</p>
      ) : (
        <ul className="order-list">
          {orders.map((order) => {
            const price = priceFormat(lang, order.currency || 'KRW');
            return (
              <li key={order.orderId} className="order">
                <h3 className="order-title">{order.title}</h3>
                <dl className="ticket-facts">
                  <div><dt>{t.orderNumber}</dt><dd><code>{order.orderId.slice(0, 8)}</code></dd></div>
                  <div><dt>{t.paidAt}</dt><dd><time dateTime={order.paidAt}>{formatDate(order.paidAt, lang)}</time></dd></div>
                  <div><dt>{t.amount}</dt><dd>{price(order.amount)}</dd></div>
                  {order.refundedAmount > 0 && <div><dt>{t.refundedAmount}</dt><dd>{price(order.refundedAmount)}</dd></div>}
                  <div><dt>{t.state}</dt><dd>{t.orderStatus[order.status] ?? order.status}</dd></div>
                  <div><dt>{t.seat}</dt><dd>{order.tickets.map((ticket) => ticket.seatId).join(', ')}</dd></div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
