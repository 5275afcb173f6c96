import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, statusOf } from '../../api/problem';
import { locales, priceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import { currencyDigits, currencySymbol } from '../currency';
import { FailureNotice } from '../FailureNotice';
import { focusFirstError, serverFieldErrors, type FieldErrors } from '../fieldErrors';
import { applyPerformance, modifyPerformance, type Seat, type SellerShow } from '../sellerApi';
import { draftFromSeats } from './draftFromSeats';
import { checkInfo, EMPTY_INFO, infoFieldOf, infoFromShow, toInfo, type InfoDraft } from './infoDraft';
import { InfoFields } from './InfoFields';
import { LIMITS, planSeatMap } from './planSeatMap';
import { seatMapFieldOf } from './seatMapPaths';
import { emptyDraft, type SeatMapDraft } from './seatMapDraft';
import { SeatMapBuilder } from './SeatMapBuilder';

interface SetupFormProps {
  slug: string;
  lang: Lang;
  token: string;
  navigate: (path: string) => void;
  t: Messages;
  /** What the service has; null before the performance is registered. */
  registered: { show: SellerShow; seats: Seat[] } | null;
  onSaved: (message: string) => void;
  onEdit: () => void;
}

/**
 * The information and the seat map. Registering sends both (POST /apply); a change sends the
 * information and, only when the builder was touched, the new seat map (PUT /modify), so an
 * unchanged map never risks the seats already sold.
 */
export function SetupForm({ slug, lang, token, navigate, t, registered, onSaved, onEdit }: SetupFormProps) {
  const s = t.seller;
  const currency = registered?.show.currency || 'KRW';
  const digits = currencyDigits(currency);
  const price = useMemo(() => priceFormat(lang, currency), [lang, currency]);
  const [loaded] = useState(() => (registered ? draftFromSeats(registered.seats, digits) : { draft: emptyDraft(), irregular: false }));
  const [info, setInfo] = useState<InfoDraft>(() => (registered ? infoFromShow(registered.show) : EMPTY_INFO));
  const [draft, setDraft] = useState<SeatMapDraft>(loaded.draft);
  const [mapChanged, setMapChanged] = useState(false);
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  /** How many fields the page itself found wrong at the last submit; null when it found none. */
  const [wrongFields, setWrongFields] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  /** Counts refusals that no input shows, so focus goes to the message each time. */
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) failureRef.current?.focus();
  }, [refusals]);

  const plan = useMemo(() => planSeatMap(draft, digits, s.builder, price(LIMITS.price)), [draft, digits, s.builder, price]);
  const infoErrors = useMemo(() => checkInfo(info, s.info, registered?.show ?? null), [info, s.info, registered]);
  const sendMap = !registered || mapChanged;
  const ownErrors: FieldErrors = { ...infoErrors, ...(sendMap ? plan.errors : {}) };
  const errors: FieldErrors = { ...(checked ? ownErrors : {}), ...serverErrors };

  const edited = () => {
    setServerErrors({});
    setWrongFields(null);
    onEdit();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setServerErrors({});
    setFailure(null);
    const count = Object.keys(ownErrors).length;
    if (count > 0 || (sendMap && !plan.seatMap)) {
      setWrongFields(count);
      focusFirstError(formRef.current, ownErrors);
      return;
    }
    setWrongFields(null);
    setPending(true);
    try {
      const body = toInfo(info, registered?.show ?? null);
      if (!registered) await applyPerformance(slug, token, { ...body, seatMap: plan.seatMap! });
      else await modifyPerformance(slug, token, { ...body, ...(mapChanged && plan.seatMap ? { seatMap: plan.seatMap } : {}) });
      onSaved(registered ? s.setup.modified : s.setup.registered);
    } catch (error) {
      const fields = serverFieldErrors(error, (path) => infoFieldOf(path) ?? seatMapFieldOf(path, plan));
      setServerErrors(fields);
      setFailure(error);
      // Not on an input: on the message, so keyboard and screen-reader users find it.
      if (!focusFirstError(formRef.current, fields)) setRefusals((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  const code = failure instanceof ApiError ? failure.problem.code : '';
  const failureWhat = code === 'PERFORMANCE_EXISTS' ? s.setup.alreadyRegistered : s.setup.saveFailed;
  // The seats a seat map may not change: one sentence naming them, instead of the server's too.
  const inUse = failure instanceof ApiError && code === 'SEATS_IN_USE' && failure.problem.seats?.length ? failure.problem.seats : null;
  const failureReason = inUse ? s.setup.seatsInUse(inUse.slice(0, 20).join(', ') + (inUse.length > 20 ? ', …' : '')) : undefined;

  return (
    <form ref={formRef} className="tk-seller-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <InfoFields
        info={info}
        errors={errors}
        t={s.info}
        registered={registered !== null}
        onChange={(field, value) => {
          setInfo((previous) => ({ ...previous, [field]: value }));
          edited();
        }}
      />
      <h3 className="tk-seller-subheading">{s.builder.heading}</h3>
      {registered && <p className="hint">{s.builder.modifyHint}</p>}
      {loaded.irregular && <p className="tk-notice">{s.builder.irregular}</p>}
      <SeatMapBuilder
        draft={draft}
        plan={plan}
        errors={sendMap ? errors : serverErrors}
        lang={lang}
        symbol={currencySymbol(currency, locales[lang])}
        price={price}
        t={s.builder}
        onChange={(next) => {
          setDraft(next);
          setMapChanged(true);
          edited();
        }}
      />
      {wrongFields !== null && <div role="alert" className="tk-alert">{s.setup.fixErrors(wrongFields)}</div>}
      {failure !== null && (
        <FailureNotice
          ref={failureRef}
          failure={failure}
          what={failureWhat}
          reason={failureReason}
          t={t}
          navigate={navigate}
          onRetry={statusOf(failure) === 409 && code === 'PERFORMANCE_EXISTS' ? () => onSaved(s.setup.reloaded) : undefined}
        />
      )}
      <div className="actions">
        <button type="submit" className="tk-button tk-button-primary" disabled={pending}>
          {pending ? s.setup.saving : registered ? s.setup.save : s.setup.register}
        </button>
        {registered && !mapChanged && <p className="hint">{s.builder.mapUnchanged}</p>}
      </div>
    </form>
  );
}
