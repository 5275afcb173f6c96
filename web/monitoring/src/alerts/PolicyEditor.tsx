import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeFailure } from '@clove/web-kit/describeFailure';
import type { Lang } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { deletePolicy, fetchPolicy, savePolicy, type Policy } from '../api/autoscale';
import { fieldErrorsAt, type FieldMessages } from '../common/fieldErrors';
import { formatDate } from '@clove/web-kit/format';
import { FailureAlert } from '../components/FailureAlert';
import type { Messages } from '../i18n';
import { DecisionsTable } from './DecisionsTable';
import { NEW_POLICY, policyDraft, policyInput, type PolicyDraft } from './policyDraft';
import { PolicyField } from './PolicyField';

interface PolicyEditorProps {
  token: string;
  deploymentId: string;
  component: string;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

type Outcome = { status: 'idle' | 'busy' | 'saved' | 'deleted' } | { status: 'failed'; message: string };

/** R21: a component's autoscaling policy — shown, created, changed or removed — and its decisions. */
export function PolicyEditor({ token, deploymentId, component, lang, t, navigate }: PolicyEditorProps) {
  const key = `${deploymentId}/${component}`;
  const loaded = useResource((signal) => fetchPolicy(token, deploymentId, component, signal), { key });
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [draft, setDraft] = useState<PolicyDraft>(NEW_POLICY);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (loaded.loading) return;
    setPolicy(loaded.data);
    setDraft(loaded.data ? policyDraft(loaded.data) : NEW_POLICY);
    setErrors({});
    setOutcome({ status: 'idle' });
    setConfirming(false);
  }, [loaded.data, loaded.loading]);

  useEffect(() => {
    if (outcome.status !== 'failed') return;
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('.mon-alert'))?.focus();
  }, [outcome]);

  if (loaded.loading && loaded.data === null) return <p role="status" className="mon-hint">{t.loading}</p>;
  if (loaded.failure !== null) return <FailureAlert what={t.policyFailed} failure={loaded.failure} t={t} navigate={navigate} onRetry={loaded.refresh} />;

  const set = (field: keyof PolicyDraft) => (value: string) => setDraft({ ...draft, [field]: value });
  const id = (field: string) => `mon-policy-${field}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors: local } = policyInput(draft, t);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setOutcome({ status: 'failed', message: t.checkFields });
      return;
    }
    setOutcome({ status: 'busy' });
    try {
      const saved = await savePolicy(token, deploymentId, component, input);
      setPolicy(saved);
      setDraft(policyDraft(saved));
      setOutcome({ status: 'saved' });
    } catch (failure) {
      setErrors(fieldErrorsAt(failure, '/body'));
      setOutcome({ status: 'failed', message: describeFailure(failure, t) });
    }
  };

  const remove = async () => {
    setOutcome({ status: 'busy' });
    try {
      await deletePolicy(token, deploymentId, component);
      setPolicy(null);
      setDraft(NEW_POLICY);
      setConfirming(false);
      setOutcome({ status: 'deleted' });
    } catch (failure) {
      setConfirming(false);
      setOutcome({ status: 'failed', message: describeFailure(failure, t) });
    }
  };

  const busy = outcome.status === 'busy';
  return (
    <div className="mon-policy">
      <p className="mon-hint">
        {policy ? t.policyUpdated(formatDate(policy.updatedAt, lang, 'medium')) : t.noPolicy(component)}
      </p>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        <div className="mon-policy-fields">
          <PolicyField id={id('min')} label={t.minReplicas} value={draft.minReplicas} onChange={set('minReplicas')} error={errors.minReplicas} inputMode="numeric" />
          <PolicyField id={id('max')} label={t.maxReplicas} value={draft.maxReplicas} onChange={set('maxReplicas')} error={errors.maxReplicas} inputMode="numeric" />
          <PolicyField id={id('target')} label={t.targetCpu} value={draft.targetPercent} onChange={set('targetPercent')} error={errors.targetCpu} hint={t.targetCpuHint} inputMode="decimal" />
          <PolicyField id={id('cooldown')} label={t.cooldownSeconds} value={draft.cooldownSeconds} onChange={set('cooldownSeconds')} error={errors.cooldownSeconds} inputMode="numeric" />
          <label className="mon-check">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
            {t.policyEnabled}
          </label>
        </div>
        {errors.enabled && <p className="mon-field-error">{errors.enabled}</p>}
        {outcome.status === 'failed' && <div role="alert" className="mon-alert" tabIndex={-1}>{outcome.message}</div>}
        <p role="status" className="mon-outcome">
          {outcome.status === 'saved' ? t.policySaved : outcome.status === 'deleted' ? t.policyDeleted : ''}
        </p>
        <div className="mon-actions">
          <button type="submit" className="mon-button mon-button-primary" disabled={busy}>{policy ? t.savePolicy : t.createPolicy}</button>
          {policy && !confirming && <button type="button" className="mon-button" disabled={busy} onClick={() => setConfirming(true)}>{t.deletePolicy}</button>}
        </div>
        {policy && confirming && (
          <div role="group" aria-label={t.deletePolicy} className="mon-confirm">
            <p>{t.deletePolicyQuestion}</p>
            <div className="mon-actions">
              <button type="button" className="mon-button mon-button-danger" disabled={busy} onClick={() => void remove()} autoFocus>{t.confirmDelete}</button>
              <button type="button" className="mon-button" disabled={busy} onClick={() => setConfirming(false)}>{t.cancel}</button>
            </div>
          </div>
        )}
      </form>
      {policy && <DecisionsTable decisions={policy.decisions} lang={lang} t={t} />}
    </div>
  );
}
