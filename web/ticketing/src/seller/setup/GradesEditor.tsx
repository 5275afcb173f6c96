import type { Messages } from '../../i18n';
import { fieldId, type FieldErrors } from '../fieldErrors';
import { FormField } from '../FormField';
import { gradeColor } from './gradeColors';
import type { GradeDraft } from './seatMapDraft';

interface GradesEditorProps {
  grades: GradeDraft[];
  errors: FieldErrors;
  symbol: string;
  t: Messages['seller']['builder'];
  onChange: (id: string, patch: Partial<Omit<GradeDraft, 'id'>>) => void;
  onAdd: () => void;
  onRemove: (id: string) => void;
}

/** The grades of the seat map, each with its price. */
export function GradesEditor({ grades, errors, symbol, t, onChange, onAdd, onRemove }: GradesEditorProps) {
  const listError = errors['sm-grades'];
  return (
    <fieldset className="tk-seller-fieldset" aria-describedby={listError ? 'sm-grades-error' : undefined}>
      <legend>{t.gradesLegend}</legend>
      <p className="hint">{t.gradesHint}</p>
      <ul className="tk-builder-list">
        {grades.map((grade, index) => (
          <li key={grade.id}>
            <fieldset className="tk-builder-item">
              <legend>
                <span className="tk-builder-swatch" style={{ background: gradeColor(index) }} aria-hidden="true" />
                {t.gradeN(index + 1)}
              </legend>
              <div className="tk-builder-row">
                <FormField id={fieldId(grade.id, 'name')} label={t.gradeName} error={errors[fieldId(grade.id, 'name')]}>
                  {(control) => (
                    <input {...control} value={grade.name} maxLength={60} autoComplete="off" onChange={(event) => onChange(grade.id, { name: event.target.value })} />
                  )}
                </FormField>
                <FormField id={fieldId(grade.id, 'price')} label={t.price(symbol)} error={errors[fieldId(grade.id, 'price')]}>
                  {(control) => (
                    <input {...control} value={grade.price} inputMode="decimal" autoComplete="off" onChange={(event) => onChange(grade.id, { price: event.target.value })} />
                  )}
                </FormField>
                <button type="button" className="tk-button tk-builder-remove" onClick={() => onRemove(grade.id)} disabled={grades.length === 1}>
                  {t.removeGrade}<span className="tk-visually-hidden"> {grade.name || t.gradeN(index + 1)}</span>
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      {listError && <p id="sm-grades-error" className="field-error">{listError}</p>}
      <button type="button" id="sm-add-grade" className="tk-button" onClick={onAdd}>{t.addGrade}</button>
    </fieldset>
  );
}
