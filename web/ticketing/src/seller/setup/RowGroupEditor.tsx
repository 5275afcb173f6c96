import type { Messages } from '../../i18n';
import { fieldId, type FieldErrors } from '../fieldErrors';
import { FormField } from '../FormField';
import type { GradeDraft, RowGroupDraft, RowMode } from './seatMapDraft';

interface RowGroupEditorProps {
  group: RowGroupDraft;
  index: number;
  grades: GradeDraft[];
  errors: FieldErrors;
  /** "Rows 1–5 · 100 seats", once the group is valid. */
  outcome: string | null;
  canRemove: boolean;
  t: Messages['seller']['builder'];
  onChange: (patch: Partial<Omit<RowGroupDraft, 'id'>>) => void;
  onRemove: () => void;
}

/** Rows of one section that share seats per row and grade: the next N numbered rows, or a label range. */
export function RowGroupEditor({ group, index, grades, errors, outcome, canRemove, t, onChange, onRemove }: RowGroupEditorProps) {
  const error = (part: string) => errors[fieldId(group.id, part)];
  const number = (part: 'count' | 'seatsPerRow', label: string, errorPart: string) => (
    <FormField id={fieldId(group.id, errorPart)} label={label} error={error(errorPart)}>
      {(control) => (
        <input {...control} value={group[part]} inputMode="numeric" autoComplete="off" onChange={(event) => onChange({ [part]: event.target.value })} />
      )}
    </FormField>
  );
  const label = (part: 'from' | 'to', text: string) => (
    <FormField id={fieldId(group.id, part)} label={text} error={error(part)}>
      {(control) => (
        <input {...control} value={group[part]} maxLength={8} autoComplete="off" onChange={(event) => onChange({ [part]: event.target.value })} />
      )}
    </FormField>
  );

  return (
    <fieldset className="tk-builder-item tk-builder-rows">
      <legend>{t.rowsN(index + 1)}</legend>
      <div className="tk-builder-row">
        <FormField id={fieldId(group.id, 'mode')} label={t.rowsBy}>
          {(control) => (
            <select {...control} value={group.mode} onChange={(event) => onChange({ mode: event.target.value as RowMode })}>
              <option value="count">{t.rowsByCount}</option>
              <option value="range">{t.rowsByRange}</option>
            </select>
          )}
        </FormField>
        {group.mode === 'count' ? number('count', t.rowCount, 'count') : (
          <>
            {label('from', t.firstRow)}
            {label('to', t.lastRow)}
          </>
        )}
        {number('seatsPerRow', t.seatsPerRow, 'seats')}
        <FormField id={fieldId(group.id, 'grade')} label={t.grade} error={error('grade')}>
          {(control) => (
            <select {...control} value={group.gradeId} onChange={(event) => onChange({ gradeId: event.target.value })}>
              {!grades.some((grade) => grade.id === group.gradeId) && <option value="">{t.chooseGrade}</option>}
              {grades.map((grade, n) => (
                <option key={grade.id} value={grade.id}>{grade.name.trim() || t.gradeN(n + 1)}</option>
              ))}
            </select>
          )}
        </FormField>
        <button type="button" className="tk-button tk-builder-remove" onClick={onRemove} disabled={!canRemove}>
          {t.removeRows}<span className="tk-visually-hidden"> {t.rowsN(index + 1)}</span>
        </button>
      </div>
      {outcome && <p className="hint">{outcome}</p>}
    </fieldset>
  );
}
