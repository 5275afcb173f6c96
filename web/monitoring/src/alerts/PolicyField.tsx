interface PolicyFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  inputMode: 'numeric' | 'decimal';
}

/** A labelled number field whose hint and error are tied to it for screen readers. */
export function PolicyField({ id, label, value, onChange, error, hint, inputMode }: PolicyFieldProps) {
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mon-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="mon-input mon-input-short" inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {hint && <p id={`${id}-hint`} className="mon-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="mon-field-error">{error}</p>}
    </div>
  );
}
