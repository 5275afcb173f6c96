import type { ChangeEvent } from 'react';
import type { FieldDescriptor } from './fields';

interface SchemaFieldProps {
  field: FieldDescriptor;
  /** Unique on the page: ids of the input, its hint and its error derive from it. */
  id: string;
  value: string | boolean;
  error?: string;
  requiredText: string;
  onChange: (name: string, value: string | boolean) => void;
}

type Control = HTMLInputElement | HTMLSelectElement;

const INPUT_TYPES = { text: 'text', datetime: 'datetime-local', date: 'date', email: 'email', url: 'url', integer: 'number', number: 'number' } as const;

/** One generated field: a labelled input of the field's kind, with its hint and its error. */
export function SchemaField({ field, id, value, error, requiredText, onChange }: SchemaFieldProps) {
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id,
    name: field.name,
    // A required boolean must be given, not be true: the checkbox always gives it.
    required: field.kind === 'boolean' ? undefined : field.required,
    readOnly: field.readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
    onChange: (event: ChangeEvent<Control>) => {
      const target = event.currentTarget;
      onChange(field.name, target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value);
    },
  };
  const label = (
    <>
      {field.label}
      {field.required && !field.readOnly && field.kind !== 'boolean' && <span className="dp-required"> ({requiredText})</span>}
    </>
  );
  const messages = (
    <>
      {field.hint && <p id={hintId} className="dp-hint">{field.hint}</p>}
      {error && <p id={errorId} className="dp-field-error">{error}</p>}
    </>
  );

  if (field.kind === 'boolean') {
    return (
      <div className="dp-field dp-field-check">
        <label htmlFor={id} className="dp-check">
          <input {...common} type="checkbox" checked={value === true} disabled={field.readOnly} />
          {label}
        </label>
        {messages}
      </div>
    );
  }

  return (
    <div className="dp-field">
      <label htmlFor={id}>{label}</label>
      {field.kind === 'select' ? (
        <select {...common} value={String(value)} disabled={field.readOnly}>
          {(!field.required || field.default === undefined) && <option value="">—</option>}
          {field.options?.map((option) => <option key={String(option)} value={String(option)}>{String(option)}</option>)}
        </select>
      ) : (
        <input
          {...common}
          type={INPUT_TYPES[field.kind]}
          value={String(value)}
          placeholder={field.placeholder}
          inputMode={field.kind === 'integer' ? 'numeric' : field.kind === 'number' ? 'decimal' : undefined}
          step={field.kind === 'integer' ? 1 : field.kind === 'number' ? 'any' : undefined}
          min={field.minimum ?? field.exclusiveMinimum}
          max={field.maximum ?? field.exclusiveMaximum}
          minLength={field.minLength}
          maxLength={field.kind === 'text' ? field.maxLength : undefined}
          autoComplete="off"
          spellCheck={field.kind === 'text' ? false : undefined}
        />
      )}
      {messages}
    </div>
  );
}
