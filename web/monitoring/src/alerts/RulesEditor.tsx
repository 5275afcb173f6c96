import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeFailure } from '@clove/web-kit/describeFailure';
import { ApiError } from '@clove/web-kit/problem';
import { useResource } from '@clove/web-kit/useResource';
import { fetchAlertRules, saveAlertRules } from '../api/alerts';
import { fieldErrorsAt, type FieldMessages } from '../common/fieldErrors';
import { FailureAlert } from '../components/FailureAlert';
import type { Messages } from '../i18n';
import { checkDrafts, newDraft, toDraft, type RuleDraft } from './ruleDrafts';
import { RuleRow } from './RuleRow';

interface RulesEditorProps {
  token: string;
  t: Messages;
  navigate: (path: string) => void;
}

type SaveState = { status: 'idle' | 'saving' } | { status: 'saved' } | { status: 'failed'; message: string };

/** Each row's field errors from a refused save: `/body/<row>/<field>`, and both rows of a duplicate name. */
function rowErrors(failure: unknown, drafts: RuleDraft[]): FieldMessages[] {
  const errors = drafts.map((_, i) => fieldErrorsAt(failure, `/body/${i}`));
  if (failure instanceof ApiError && failure.problem.code === 'DUPLICATE_RULE') {
    const names = drafts.map((d) => d.name.trim());
    names.forEach((name, i) => {
      if (names.indexOf(name) !== names.lastIndexOf(name)) errors[i]!.name = failure.problem.detail;
    });
  }
  return errors;
}

/** R20: the anomaly rules, edited together and saved at once (the server replaces them all). */
export function RulesEditor({ token, t, navigate }: RulesEditorProps) {
  const loaded = useResource((signal) => fetchAlertRules(token, signal), { key: 'rules' });
  const [drafts, setDrafts] = useState<RuleDraft[] | null>(null);
  const [errors, setErrors] = useState<FieldMessages[]>([]);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (loaded.data && drafts === null) setDrafts(loaded.data.map(toDraft));
  }, [loaded.data, drafts]);

  // After a refused save, focus goes where the problem is.
  useEffect(() => {
    if (save.status !== 'failed') return;
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('.mon-alert'))?.focus();
  }, [save]);

  if (drafts === null) {
    if (loaded.failure !== null) return <FailureAlert what={t.rulesFailed} failure={loaded.failure} t={t} navigate={navigate} onRetry={loaded.refresh} />;
    return <p role="status" className="mon-hint">{t.loading}</p>;
  }

  const update = (index: number, draft: RuleDraft) => {
    setDrafts(drafts.map((d, i) => (i === index ? draft : d)));
    setSave({ status: 'idle' });
  };
  const remove = (index: number) => {
    setDrafts(drafts.filter((_, i) => i !== index));
    setErrors(errors.filter((_, i) => i !== index));
    setSave({ status: 'idle' });
  };
  const add = () => {
    setDrafts([...drafts, newDraft()]);
    setSave({ status: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDrafts(drafts, t);
    setErrors(checked.errors);
    if (!checked.rules) {
      setSave({ status: 'failed', message: t.checkFields });
      return;
    }
    setSave({ status: 'saving' });
    try {
      const saved = await saveAlertRules(token, checked.rules);
      setDrafts(saved.map(toDraft));
      setErrors([]);
      setSave({ status: 'saved' });
    } catch (failure) {
      setErrors(rowErrors(failure, drafts));
      setSave({ status: 'failed', message: describeFailure(failure, t) });
    }
  };

  return (
    <form ref={formRef} className="mon-rules" onSubmit={(event) => void submit(event)} noValidate>
      <p className="mon-hint">{t.rulesHint}</p>
      {drafts.length === 0 && <p className="mon-empty">{t.noRules}</p>}
      {drafts.map((draft, index) => (
        <RuleRow key={draft.key} draft={draft} index={index} errors={errors[index] ?? {}} t={t}
          onChange={(next) => update(index, next)} onRemove={() => remove(index)} />
      ))}
      {save.status === 'failed' && <div role="alert" className="mon-alert" tabIndex={-1}>{save.message}</div>}
      <p role="status" className="mon-outcome">{save.status === 'saved' ? t.rulesSaved : ''}</p>
      <div className="mon-actions">
        <button type="button" className="mon-button" onClick={add}>{t.addRule}</button>
        <button type="submit" className="mon-button mon-button-primary" disabled={save.status === 'saving'}>
          {save.status === 'saving' ? t.saving : t.saveRules}
        </button>
      </div>
    </form>
  );
}
