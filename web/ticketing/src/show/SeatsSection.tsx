import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
  /** What happened to the hold shown here: it expired, or another tab or window replaced or ended it. */
  const [holdNews, setHoldNews] = useState<string | null>(null);
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

  const [focusCheckout, setFocusCheckout] = useState(false);
  const seatsHeading = useRef<HTMLHeadingElement>(null);
  const holdAlert = useRef<HTMLDivElement>(null);

  const takeHold = async () => {
    setNotice(null);
    setHoldNews(null);
    setPurchase(null);
    setFocusCheckout(false);
    setFocusCheckout(await holds.take());
  };

  useEffect(() => {
    if (holds.error) holdAlert.current?.focus();
  }, [holds.error]);

  const release = async () => {
    if (await holds.release()) seatsHeading.current?.focus();
  };

  const onPaid = (bought: Purchase) => {
    if (holds.hold) store.apply(holds.hold.seatIds, 'sold');
    holds.end();
    setPurchase(bought);
  };

  /**
   * The hold shown is no longer live (its time ran out, or paying it was refused as expired):
   * the server says whether it expired, or another tab or window replaced it (then this page
   * shows that hold) or paid or released it.
   */
  const onHoldGone = async () => {
    const shown = holds.hold;
    const outcome = await holds.reconcile();
    if (outcome === 'replaced') return setHoldNews(t.holdReplacedElsewhere);
    holds.end();
    const timeLeft = shown ? Date.parse(shown.expiresAt) - Date.now() : 0;
    setHoldNews(outcome === 'ended' && timeLeft > 1_000 ? t.holdEndedElsewhere : t.holdExpired);
    seatMap.reload();
  };

  // Prices the seller changed since the map was loaded: the map shows the new ones too.
  const repricedCount = holds.repriced.length;
  useEffect(() => {
    if (repricedCount > 0) seatMap.reload();
  }, [repricedCount, seatMap.reload]);

  // Back to this tab: another one may have changed the hold meanwhile.
  const hasHold = holds.hold !== null;
  const { reconcile } = holds;
  useEffect(() => {
    if (!hasHold) return;
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void reconcile().then((outcome) => {
        if (outcome === 'replaced') setHoldNews(t.holdReplacedElsewhere);
        if (outcome === 'ended') {
          setHoldNews(t.holdEndedElsewhere);
          seatMap.reload();
        }
      });
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [hasHold, reconcile, t, seatMap.reload]);

  return (
    <div className="show-body">
      <section className="seats" aria-labelledby="seats-heading">
        <h2 id="seats-heading" ref={seatsHeading} tabIndex={-1}>{t.seatsHeading}</h2>
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
              held={holds.hold?.seatIds ?? []}
              holding={holds.busy === 'holding'}
              onHold={() => void takeHold()}
              navigate={navigate}
            />
            {holds.error && <div ref={holdAlert} role="alert" className="tk-alert" tabIndex={-1}>{holds.error}</div>}
          </>
        )}
      </section>
      <div className="show-side">
        {holdNews && <div role="alert" className="tk-alert">{holdNews}</div>}
        {holds.repriced.length > 0 && <div role="alert" className="tk-alert">{t.pricesChanged(holds.repriced.join(', '))}</div>}
        {purchase && <PurchaseSummary purchase={purchase} t={t} price={price} navigate={navigate} />}
        {holds.hold && session && (
          <Checkout
            key={holds.hold.holdId}
            slug={slug}
            token={session.accessToken}
            hold={holds.hold}
            t={t}
            price={price}
            focusOnShow={focusCheckout}
            releasing={holds.busy === 'releasing'}
            onRelease={() => void release()}
            onPaid={onPaid}
            onExpired={() => void onHoldGone()}
          />
        )}
      </div>
    </div>
  );
}
