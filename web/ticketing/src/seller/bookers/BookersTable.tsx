import { formatDate, priceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import type { Booker } from '../sellerApi';

interface BookersTableProps {
  bookers: Booker[];
  lang: Lang;
  t: Messages;
}

/** One order a row; each value on one line, the table scrolling sideways on narrow screens. */
export function BookersTable({ bookers, lang, t }: BookersTableProps) {
  const s = t.seller.bookers;
  return (
    <div className="tk-table-scroll" role="region" aria-labelledby="bookers-caption" tabIndex={0}>
      <table className="tk-table tk-bookers">
        <caption id="bookers-caption">{s.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{s.buyer}</th>
            <th scope="col">{s.seats}</th>
            <th scope="col">{s.order}</th>
            <th scope="col">{t.amount}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.paidAt}</th>
          </tr>
        </thead>
        <tbody>
          {bookers.map((booker) => {
            const price = priceFormat(lang, booker.currency || 'KRW');
            return (
              <tr key={booker.orderId}>
                <th scope="row">
                  {booker.buyerName && <span className="tk-seller-name">{booker.buyerName}</span>}
                  {booker.buyerEmail ? <span className="tk-seller-email">{booker.buyerEmail}</span> : <span className="hint">{s.deletedAccount}</span>}
                </th>
                <td className="tk-bookers-seats">
                  {booker.seats.map((seat, index) => <span key={seat}>{index > 0 && ', '}<span className="tk-nowrap">{seat}</span></span>)}
                </td>
                <td><code title={booker.orderId}>{booker.orderId.slice(0, 8)}</code></td>
                <td className="tk-num">
                  {price(booker.amount)}
                  {booker.refundedAmount > 0 && <span className="hint"> {s.refunded(price(booker.refundedAmount))}</span>}
                </td>
                <td>{t.orderStatus[booker.orderStatus] ?? booker.orderStatus}</td>
                <td><time dateTime={booker.paidAt}>{formatDate(booker.paidAt, lang, 'medium')}</time></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
