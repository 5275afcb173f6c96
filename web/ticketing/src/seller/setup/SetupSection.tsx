import { useRef, useState } from 'react';
import { FailureNotice } from '../FailureNotice';
import type { SellerSectionProps } from '../sections';
import type { useSellerShow } from '../useSellerShow';
import { SetupForm } from './SetupForm';

interface SetupSectionProps extends SellerSectionProps {
  show: ReturnType<typeof useSellerShow>;
}

/** Registering the performance, or changing it once it is registered. */
export function SetupSection({ slug, lang, session, navigate, t, show, active, headingRef }: SetupSectionProps) {
  const { state, reload } = show;
  const s = t.seller;
  const [saved, setSaved] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  // The form is replaced by one with what the service now has; focus waits on the heading.
  const onSaved = (message: string) => {
    setSaved(message);
    heading.current?.focus();
    reload();
  };
  return (
    <section className="tk-seller-section" aria-labelledby="setup-heading" hidden={!active}>
      <h2
        id="setup-heading"
        ref={(element) => {
          heading.current = element;
          headingRef(element);
        }}
        tabIndex={-1}
      >
        {state.status === 'registered' ? s.setup.modifyHeading : s.setup.registerHeading}
      </h2>
      <div role="status" className="tk-notice-slot">{saved && <p className="tk-seller-saved">{saved}</p>}</div>
      {state.status === 'loading' && <p role="status" className="hint">{s.setup.loading}</p>}
      {state.status === 'failed' && (
        <FailureNotice failure={state.failure} what={s.setup.loadFailed} t={t} navigate={navigate} onRetry={reload} />
      )}
      {(state.status === 'registered' || state.status === 'unregistered') && (
        <SetupForm
          // A fresh form for every load, so what the service now has replaces the inputs.
          key={state.status === 'registered' ? `v${state.show.version}` : 'new'}
          slug={slug}
          lang={lang}
          token={session.accessToken}
          navigate={navigate}
          t={t}
          registered={state.status === 'registered' ? state : null}
          onSaved={onSaved}
          onEdit={() => setSaved(null)}
        />
      )}
    </section>
  );
}
