import { useRef, type FormEvent } from 'react';
import { Field, TextInput } from '../components/Field';
import { FailureAlert } from '../components/FailureAlert';
import { errorsUnder, type FieldErrors } from '../api/fieldErrors';
import type { PoolImage } from '../api/pool';
import type { Messages } from '../i18n';
import { ComponentFields } from './ComponentFields';
import type { SchemaCheck } from './parameterSchema';
import { ParameterPreview } from './ParameterPreview';
import { ParameterSchemaField } from './ParameterSchemaField';
import { newComponent, type TemplateFormValues } from './templateForm';

interface TemplateFormProps {
  values: TemplateFormValues;
  onChange: (values: TemplateFormValues) => void;
  images: readonly PoolImage[];
  errors: FieldErrors;
  failure: unknown;
  check: SchemaCheck;
  pending: boolean;
  status: string;
  isNew: boolean;
  onSubmit: () => void;
  t: Messages;
  navigate: (path: string) => void;
}

const FIRST_INVALID = 'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], [role="alert"]';

/** Everything the template API takes: name, description, components and the parameter schema. */
export function TemplateForm({ values, onChange, images, errors, failure, check, pending, status, isNew, onSubmit, t, navigate }: TemplateFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const fields = check.state === 'valid' ? check.fields : [];
  const set = <K extends keyof TemplateFormValues>(key: K, value: TemplateFormValues[K]) => onChange({ ...values, [key]: value });
  const hasErrors = Object.keys(errors).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(FIRST_INVALID)?.focus());
  };

  return (
    <form ref={formRef} className="adm-form" onSubmit={submit} noValidate aria-labelledby="template-form-heading">
      <h2 id="template-form-heading">{isNew ? t.newTemplateForm : t.editTemplateForm}</h2>
      <div className="adm-grid">
        <TextInput id="template-name" label={t.templateName} hint={t.templateNameHint} value={values.name}
          onChange={(value) => set('name', value)} error={errors['/name']} />
      </div>
      <Field id="template-description" label={t.description} error={errors['/description']}>
        {(control) => (
          <textarea {...control} rows={3} value={values.description} onChange={(event) => set('description', event.target.value)} />
        )}
      </Field>
      <Field id="template-description-ko" label={t.descriptionKo} hint={t.descriptionKoHint} error={errors['/translations/ko/description']}>
        {(control) => (
          <textarea {...control} lang="ko" rows={3} value={values.descriptionKo} onChange={(event) => set('descriptionKo', event.target.value)} />
        )}
      </Field>

      <section aria-labelledby="components-heading">
        <h3 id="components-heading">{t.components}</h3>
        <p className="adm-hint">{t.componentsHint}</p>
        {errors['/components'] && <p className="adm-field-error">{errors['/components']}</p>}
        {values.components.map((component, i) => (
          <ComponentFields key={component.key} index={i} values={component} images={images} parameters={fields} errors={errors}
            onChange={(next) => set('components', values.components.map((item, k) => (k === i ? next : item)))}
            onRemove={values.components.length > 1 ? () => set('components', values.components.filter((_, k) => k !== i)) : null}
            t={t} />
        ))}
        <button type="button" className="adm-button" onClick={() => set('components', [...values.components, newComponent()])}>
          {t.addComponentButton}
        </button>
      </section>

      <section aria-labelledby="parameters-heading">
        <h3 id="parameters-heading">{t.parameters}</h3>
        <ParameterSchemaField text={values.parametersText} check={check} serverError={errorsUnder(errors, '/parameters')}
          onChange={(text) => set('parametersText', text)} t={t} />
        {check.state === 'valid' && <ParameterPreview fields={fields} t={t} />}
      </section>

      {hasErrors && failure === null && <p role="alert" className="adm-alert">{t.checkFields}</p>}
      {failure !== null && <FailureAlert failure={failure} what={t.saveFailed} t={t} navigate={navigate} />}
      <p role="status" className="adm-status">{pending ? t.saving : status}</p>
      <div className="adm-actions">
        <button type="submit" className="adm-button adm-button-primary" disabled={pending}>
          {pending ? t.saving : isNew ? t.createTemplate : t.saveRevision}
        </button>
      </div>
    </form>
  );
}
