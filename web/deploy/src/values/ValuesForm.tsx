import { useMemo, type FormEvent } from 'react';
import { statusOf } from '../api/client';
import { AppLink } from '../components/AppLink';
import { FormAlert } from '../components/FormAlert';
import type { Messages } from '../i18n';
import type { FieldDescriptor, SentValues } from '../schemaForm/fields';
import { errorTexts } from '../schemaForm/check';
import { SchemaFields } from '../schemaForm/SchemaFields';
import { useSchemaForm } from '../schemaForm/useSchemaForm';
import { formProblemText, useValuesSubmission } from './useValuesSubmission';

interface ValuesFormProps {
  fields: FieldDescriptor[];
  /** Values to start from (an update); the schema's defaults otherwise. */
  original?: Record<string, unknown>;
  idPrefix: string;
  t: Messages;
  submitLabel: string;
  pendingLabel: string;
  disabled?: boolean;
  navigate: (path: string) => void;
  onSend: (values: SentValues) => Promise<void>;
}

/** A deployment's values as a form generated from the template's parameter schema. */
export function ValuesForm({ fields, original, idPrefix, t, submitLabel, pendingLabel, disabled, navigate, onSend }: ValuesFormProps) {
  const form = useSchemaForm(fields, original);
  const submission = useValuesSubmission(form);
  const { problem } = submission;
  const refusedUser = problem !== null && 'failure' in problem && [401, 403].includes(statusOf(problem.failure));
  // Put into words here, in the page's language of the moment.
  const alert = useMemo(() => (problem ? formProblemText(problem, t) : null), [problem, t]);
  const errors = useMemo(() => errorTexts(form.errors, fields, t), [form.errors, fields, t]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submission.submit(onSend);
  };

  return (
    <form ref={submission.formRef} className="dp-form" noValidate onSubmit={onSubmit}>
      <FormAlert message={alert} />
      {refusedUser && <AppLink href="/login" navigate={navigate}>{t.logInAsSeller}</AppLink>}
      <SchemaFields fields={fields} idPrefix={idPrefix} inputs={form.inputs} errors={errors} requiredText={t.required} onChange={form.setInput} />
      <div className="dp-actions">
        <button type="submit" className="dp-button dp-button-primary" disabled={submission.pending || disabled}>{submitLabel}</button>
        {submission.pending && <p role="status" className="dp-hint">{pendingLabel}</p>}
      </div>
    </form>
  );
}
