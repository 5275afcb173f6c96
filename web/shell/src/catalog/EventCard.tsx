import { useLanguage } from '../language';
import { Link } from '../router';
import type { CatalogEvent } from './catalogApi';
import { formatCount, formatDate, priceFormat } from '@clove/web-kit/format';

export function EventCard({ event }: { event: CatalogEvent }) {
  const { t, lang } = useLanguage();
  const price = event.lowestPrice === null ? t.priceUnset : t.priceFrom(priceFormat(lang)(event.lowestPrice));
  const seats = event.remaining > 0 ? t.seatsLeft(formatCount(event.remaining, lang)) : t.soldOut;
  return (
    <article className="event" aria-labelledby={`event-${event.slug}`}>
      <h2 id={`event-${event.slug}`} className="event-title">
        <Link href={`/shows/${encodeURIComponent(event.slug)}`} className="event-link">{event.title}</Link>
      </h2>
      <dl className="event-facts">
        <div>
          <dt>{t.venue}</dt>
          <dd>{event.venue}</dd>
        </div>
        <div>
          <dt>{t.date}</dt>
          <dd><time dateTime={event.startsAt}>{formatDate(event.startsAt, lang, 'medium')}</time></dd>
        </div>
        <div>
          <dt>{t.lowestPrice}</dt>
          <dd>{price}</dd>
        </div>
        <div>
          <dt>{t.remaining}</dt>
          <dd className={event.remaining > 0 ? undefined : 'event-sold-out'}>{seats}</dd>
        </div>
      </dl>
    </article>
  );
}
