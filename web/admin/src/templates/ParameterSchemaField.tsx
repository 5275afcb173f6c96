import type { Messages } from '../i18n';
import type { SchemaCheck } from './parameterSchema';

interface ParameterSchemaFieldProps {
  text: string;
  check: SchemaCheck;
  /** The service's messages on the parameters, after a refused save. */
  serverError?: string;
  onChange: (text: string) => void;
  t: Messages;
}

function feedback(check: SchemaCheck, t: Messages): string {
  switch (check.state) {
    case 'invalid-json':
      return t.schemaInvalidJson(check.message);
    case 'invalid-schema':
      return t.schemaInvalid;
    case 'valid':
      return t.schemaValid(check.fields.length);
  }
}

/** The parameter schema as JSON, with live word on whether it parses and is a valid schema. */
export function ParameterSchemaField({ text, check, serverError, onChange, t }: ParameterSchemaFieldProps) {
  const invalid = check.state !== 'valid' || serverError !== undefined;
  return (
    <div className="adm-field">
      <label htmlFor="template-parameters">{t.parameterSchema}</label>
      <p id="template-parameters-hint" className="adm-hint">{t.parameterSchemaHint}</p>
      <textarea
        id="template-parameters"
        className="adm-code-input"
        rows={14}
        spellCheck={false}
        wrap="off"
        value={text}
        aria-invalid={invalid ? true : undefined}
        aria-describedby="template-parameters-feedback template-parameters-hint"
        onChange={(event) => onChange(event.target.value)}
      />
      <div id="template-parameters-feedback" aria-live="polite" className={`adm-schema-feedback adm-schema-${check.state}`}>
        <p>{feedback(check, t)}</p>
        {check.state === 'invalid-schema' && <ul>{check.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}
      </div>
      {serverError && <p className="adm-field-error">{serverError}</p>}
    </div>
  );
}
