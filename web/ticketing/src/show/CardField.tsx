interface CardFieldProps {
  id: string;
  name: string;
  label: string;
  error: string | undefined;
  autoComplete: string;
  maxLength: number;
}

/** A labelled card input with its error message. */
export function CardField({ id, name, label, error, autoComplete, maxLength }: CardFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        inputMode="numeric"
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        required
      />
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}
