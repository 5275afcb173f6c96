import type { Messages } from '../../i18n';
import type { FieldErrors } from '../fieldErrors';
import { FormField } from '../FormField';
import { infoFieldId, type InfoDraft, type InfoField } from './infoDraft';

interface InfoFieldsProps {
  info: InfoDraft;
  errors: FieldErrors;
  t: Messages['seller']['info'];
  /** Once registered, an empty sale opening means the sale is open, not the deployment's setting. */
  registered: boolean;
  onChange: (field: InfoField, value: string) => void;
}

/** Title, venue, times, performers and description of the performance. */
export function InfoFields({ info, errors, t, registered, onChange }: InfoFieldsProps) {
  const text = (field: InfoField, label: string, extra: { type?: string; hint?: string; autoComplete?: string } = {}) => (
    <FormField id={infoFieldId(field)} label={label} error={errors[infoFieldId(field)]} hint={extra.hint}>
      {(control) => (
        <input
          {...control}
          name={field}
          type={extra.type ?? 'text'}
          autoComplete={extra.autoComplete ?? 'off'}
          value={info[field]}
          onChange={(event) => onChange(field, event.target.value)}
        />
      )}
    </FormField>
  );
  const area = (field: InfoField, label: string, hint: string, rows: number) => (
    <FormField id={infoFieldId(field)} label={label} error={errors[infoFieldId(field)]} hint={hint} className="tk-seller-wide">
      {(control) => <textarea {...control} name={field} rows={rows} value={info[field]} onChange={(event) => onChange(field, event.target.value)} />}
    </FormField>
  );

  return (
    <fieldset className="tk-seller-fieldset">
      <legend>{t.legend}</legend>
      <div className="tk-seller-grid">
        {text('title', t.title)}
        {text('venue', t.venue)}
        {text('startsAt', t.startsAt, { type: 'datetime-local', hint: t.localTime })}
        {text('endsAt', t.endsAt, { type: 'datetime-local', hint: t.localTime })}
        {text('saleOpensAt', t.saleOpensAt, { type: 'datetime-local', hint: registered ? t.saleOpensHintRegistered : t.saleOpensHint })}
        {area('performers', t.performers, t.performersHint, 3)}
        {area('description', t.description, t.descriptionHint, 5)}
      </div>
    </fieldset>
  );
}
