import type { ShowDetails } from '../api/show';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

interface ShowFactsProps {
  show: ShowDetails;
  lang: Lang;
  t: Messages;
}

/** Title, venue, dates and performers of a performance. */
export function ShowFacts({ show, lang, t }: ShowFactsProps) {
  const saleOpensLater = show.saleOpensAt && new Date(show.saleOpensAt).getTime() > Date.now();
  return (
    <header className="show-header">
      <h1 id="show-heading">{show.title}</h1>
      <dl className="show-facts">
        <div>
          <dt>{t.venue}</dt>
          <dd>{show.venue}</dd>
        </div>
        <div>
          <dt>{t.startsAt}</dt>
          <dd><time dateTime={show.startsAt}>{formatDate(show.startsAt, lang)}</time></dd>
        </div>
        <div>
          <dt>{t.endsAt}</dt>
          <dd><time dateTime={show.endsAt}>{formatDate(show.endsAt, lang)}</time></dd>
        </div>
        {saleOpensLater && show.saleOpensAt && (
          <div>
            <dt>{t.saleOpens}</dt>
            <dd><time dateTime={show.saleOpensAt}>{formatDate(show.saleOpensAt, lang)}</time></dd>
          </div>
        )}
        {show.performers.length > 0 && (
          <div>
            <dt>{t.performers}</dt>
            <dd>{show.performers.join(', ')}</dd>
          </div>
        )}
      </dl>
      {show.description && <p className="show-description">{show.description}</p>}
    </header>
  );
}
