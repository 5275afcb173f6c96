import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { deleteDeployment, type DeploymentDetail } from '../api/deployments';
import { FormAlert } from '../components/FormAlert';
import { describeFailure } from '../describeFailure';
import type { Messages } from '../i18n';
import type { Session } from '../session';

interface DeleteDeploymentProps {
  deployment: DeploymentDetail;
  session: Session;
  t: Messages;
  onDeleted: () => void;
}

type Step = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'ticketsSold'; liveTickets: number };

/** The 409 of a performance with sold, unrefunded tickets says how many. */
function liveTicketsOf(failure: unknown): number | null {
  if (!(failure instanceof ApiError) || failure.problem.code !== 'TICKETS_SOLD') return null;
  return failure.problem.liveTickets ?? 0;
}

/**
 * Delete, behind typing the slug. When tickets are sold the server refuses; the seller is told
 * how many and may delete anyway with a second, explicit choice.
 */
export function DeleteDeployment({ deployment, session, t, onDeleted }: DeleteDeploymentProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const forceRef = useRef<HTMLButtonElement>(null);
  const busy = deployment.status === 'deploying' || deployment.status === 'updating';

  useEffect(() => {
    if (step.kind === 'confirm') inputRef.current?.focus();
    if (step.kind === 'ticketsSold') forceRef.current?.focus();
  }, [step.kind]);

  const send = async (force: boolean) => {
    setPending(true);
    setFailure(null);
    try {
      await deleteDeployment(session.accessToken, deployment.id, force);
      onDeleted();
    } catch (error) {
      const liveTickets = liveTicketsOf(error);
      if (liveTickets !== null && !force) setStep({ kind: 'ticketsSold', liveTickets });
      else setFailure(describeFailure(error, t));
      setPending(false);
    }
  };

  const cancel = () => {
    setStep({ kind: 'idle' });
    setTyped('');
    setFailure(null);
  };

  return (
    <section className="dp-section dp-danger-zone" aria-labelledby="dp-delete-heading">
      <h2 id="dp-delete-heading">{t.deleteHeading}</h2>
      <p>{t.deleteIntro}</p>
      {busy && <p className="dp-hint">{t.deleteWhenSettled}</p>}
      {step.kind === 'idle' && (
        <button type="button" className="dp-button dp-button-danger-outline" disabled={busy} onClick={() => setStep({ kind: 'confirm' })}>
          {t.deleteStart}
        </button>
      )}
      {step.kind === 'confirm' && (
        <form className="dp-inline-form" noValidate onSubmit={(event) => { event.preventDefault(); if (typed === deployment.slug) void send(false); }}>
          <div className="dp-field">
            <label htmlFor="dp-delete-slug">{t.typeSlug(deployment.slug)}</label>
            <input
              ref={inputRef}
              id="dp-delete-slug"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
            />
          </div>
          <div className="dp-actions">
            <button type="submit" className="dp-button dp-button-danger" disabled={typed !== deployment.slug || pending || busy}>
              {pending ? t.deletePending : t.deleteButton}
            </button>
            <button type="button" className="dp-button" onClick={cancel} disabled={pending}>{t.cancel}</button>
          </div>
        </form>
      )}
      {step.kind === 'ticketsSold' && (
        <div role="alert" className="dp-alert">
          <p>{t.ticketsSold(step.liveTickets)}</p>
          <div className="dp-actions">
            <button ref={forceRef} type="button" className="dp-button dp-button-danger" disabled={pending} onClick={() => void send(true)}>
              {pending ? t.deletePending : t.forceDelete}
            </button>
            <button type="button" className="dp-button" onClick={cancel} disabled={pending}>{t.cancel}</button>
          </div>
        </div>
      )}
      <FormAlert message={failure} focus />
    </section>
  );
}
