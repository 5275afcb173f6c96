import { useCallback, useMemo, useState } from 'react';
import type { Purchase, ShowDetails } from '../api/show';
import { priceFormat } from '../format';
import type { Messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { Checkout } from './Checkout';
import { GradeLegend } from './GradeLegend';
import { PurchaseSummary } from './PurchaseSummary';
import { SeatGrid } from './SeatGrid';
import { SectionPicker } from './SectionPicker';
import { SelectionBar } from './SelectionBar';
import { useHold } from './useHold';
import { useSeatMap } from './useSeatMap';
import { useSections } from './useSections';

/**
 * Above this many seats the page shows one section at a time: the whole map of a large venue
 * is megabytes to load and tens of thousands of buttons to draw. A map of this size is drawn
 * whole within the web benchmark's target (`npm run bench:web`).
 */
export const SECTION_AT_A_TIME_ABOVE = 5000;

interface SeatsSectionProps extends RemotePageProps {
  slug: string;
  show: ShowDetails;
  t: Messages;
}

/** The live seat map, the selection and, once seats are held, checkout. */
export function SeatsSection({ slug, show, t, lang, session, navigate }: SeatsSectionProps) {
  const [notice, setNotice] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const onTaken = useCallback((ids: string[]) => setNotice(t.seatsTaken(ids.join(', '))), [t]);
  const sectioned = (show.totalSeats ?? 0) > SECTION_AT_A_TIME_ABOVE;
  const [chosen, setChosen] = useState<string | null>(null);
  const [sectionsAttempt, setSectionsAttempt] = useState(0);
  const sections = useSections(slug, sectioned, `${chosen}:${sectionsAttempt}`);
  // Until the buyer chooses, the first section with seats left (the best ones) is shown.
  const firstWithSeats = sections.status === 'ready'
    ? (sections.sections.find((section) => section.available > 0) ?? sections.sections[0])?.name ?? null
    : null;
  const shown = sectioned ? (chosen ?? firstWithSeats) : undefined;
  const seatMap = useSeatMap(slug, onTaken, shown);
  const { store } = seatMap;
  const holds = useHold(slug, session, store, t, lang);
  const price = useMemo(() => priceFormat(lang, show.currency || 'KRW'), [lang, show.currency]);

  const takeHold = () => {
    setNotice(null);
    setExpired(false);
    setPurchase(null);
    void holds.take();
  };

  const onPaid = (bought: Purchase) => {
    if (holds.hold) store.apply(holds.hold.seatIds, 'sold');
    holds.end();
    setPurchase(bought);
  };

  const onExpired = () => {
    holds.end();
    setExpired(true);
    seatMap.reload();
  };

  return (
    <div className="show-body">
      <section className="seats" aria-labelledby="seats-heading">
        <h2 id="seats-heading">{t.seatsHeading}</h2>
        {sectioned && sections.status === 'failed' && (
          <div role="alert" className="tk-panel tk-panel-error">
            <p>{t.sectionsFailed}</p>
            <button type="button" className="tk-button" onClick={() => setSectionsAttempt((n) => n + 1)}>{t.tryAgain}</button>
          </div>
        )}
        {sectioned && sections.status === 'ready' && (
          <>
            <p className="hint">{t.sectionsHint}</p>
            <SectionPicker sections={sections.sections} chosen={shown ?? null} onChoose={setChosen} lang={lang} t={t} price={price} />
          </>
        )}
        {!seatMap.live && <p role="status" className="tk-notice">{t.liveReconnecting}</p>}
        {seatMap.status === 'loading' && sections.status !== 'failed' && <p role="status" className="hint">{t.loadingSeats}</p>}
        {seatMap.status === 'failed' && (
          <div role="alert" className="tk-panel tk-panel-error">
            <p>{t.seatsFailed}</p>
            <button type="button" className="tk-button" onClick={seatMap.reload}>{t.tryAgain}</button>
          </div>
        )}
        {seatMap.status === 'ready' && (
          <>
            <GradeLegend store={store} lang={lang} t={t} price={price} bySection={sectioned} />
            {store.sections.length === 0 ? (
              <p className="hint">{t.noSeats}</p>
            ) : (
              <>
                <p className="hint" id="seat-map-hint">{t.mapHint}</p>
                <SeatGrid store={store} t={t} price={price} />
              </>
            )}
            <div aria-live="polite" className="tk-notice-slot">
              {notice && <p className="tk-notice">{notice}</p>}
            </div>
            <SelectionBar
              store={store}
              session={session}
              t={t}
              price={price}
              maxSeats={show.maxSeatsPerBuyer ?? null}
              holding={holds.busy === 'holding'}
              onHold={takeHold}
              navigate={navigate}
            />
            {holds.error && <div role="alert" className="tk-alert">{holds.error}</div>}
          </>
        )}
      </section>
      <div className="show-side">
        {expired && <div role="alert" className="tk-alert">{t.holdExpired}</div>}
        {purchase && <PurchaseSummary purchase={purchase} t={t} price={price} navigate={navigate} />}
        {holds.hold && session && (
          <Checkout
            key={holds.hold.holdId}
            slug={slug}
            token={session.accessToken}
            hold={holds.hold}
            store={store}
            t={t}
            price={price}
            releasing={holds.busy === 'releasing'}
            onRelease={() => void holds.release()}
            onPaid={onPaid}
            onExpired={onExpired}
          />
        )}
      </div>
    </div>
  );
}
