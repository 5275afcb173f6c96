interface CheckboxGroupProps<V extends string> {
  id: string;
  legend: string;
  options: readonly V[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  hint?: string;
  error?: string;
}

/** A fieldset of checkboxes; the order of `options` is kept in the result. */
export function CheckboxGroup<V extends string>({ id, legend, options, selected, onChange, hint, error }: CheckboxGroupProps<V>) {
  const toggle = (option: V, on: boolean) => onChange(options.filter((o) => (o === option ? on : selected.includes(o))));
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`adm-field adm-checkboxes${error ? ' adm-invalid' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div className="adm-checkbox-row">
        {options.map((option) => (
          <label key={option} className="adm-checkbox">
            <input type="checkbox" checked={selected.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
            {option}
          </label>
        ))}
      </div>
      {hint && <p id={`${id}-hint`} className="adm-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="adm-field-error">{error}</p>}
    </fieldset>
  );
}
