import type { HTMLInputTypeAttribute } from 'react';

interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  autoFocus?: boolean;
}

/** A labelled input whose hint and error are announced through aria-describedby. */
export function TextField({ id, name, label, type = 'text', autoComplete, hint, error, defaultValue, autoFocus }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="auth-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && <p id={hintId} className="auth-hint">{hint}</p>}
      {error && <p id={errorId} className="auth-field-error">{error}</p>}
    </div>
  );
}
