import type { Lang } from '../../session';
import { formatCount } from '../../format';
import type { Messages } from '../../i18n';
import { fieldId, type FieldErrors } from '../fieldErrors';
import { FormField } from '../FormField';
import type { PlannedSection } from './planSeatMap';
import { RowGroupEditor } from './RowGroupEditor';
import type { GradeDraft, RowGroupDraft, SectionDraft } from './seatMapDraft';

interface SectionEditorProps {
  section: SectionDraft;
  index: number;
  /** How many sections the map has: the first cannot move up, the last cannot move down. */
  count: number;
  planned: PlannedSection | undefined;
  grades: GradeDraft[];
  errors: FieldErrors;
  lang: Lang;
  t: Messages['seller']['builder'];
  onRename: (name: string) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  onAddRows: () => void;
  onChangeRows: (groupId: string, patch: Partial<Omit<RowGroupDraft, 'id'>>) => void;
  onRemoveRows: (groupId: string) => void;
}

/** One section: its name and its row groups. */
export function SectionEditor(props: SectionEditorProps) {
  const { section, index, count, planned, grades, errors, lang, t } = props;
  const title = section.name || t.sectionN(index + 1);
  const rowsError = errors[fieldId(section.id, 'rows')];
  const outcome = (groupId: string): string | null => {
    const rows = planned?.rows.filter((row) => row.groupId === groupId) ?? [];
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return null;
    const seats = rows.reduce((sum, row) => sum + row.seats, 0);
    return t.groupOutcome(first.label, last.label, formatCount(seats, lang));
  };

  return (
    <fieldset className="tk-builder-section" aria-describedby={rowsError ? `${fieldId(section.id, 'rows')}-error` : undefined}>
      <legend>{t.sectionN(index + 1)}</legend>
      <div className="tk-builder-row">
        <FormField id={fieldId(section.id, 'name')} label={t.sectionName} hint={t.labelHint} error={errors[fieldId(section.id, 'name')]}>
          {(control) => (
            <input {...control} value={section.name} maxLength={8} autoComplete="off" onChange={(event) => props.onRename(event.target.value)} />
          )}
        </FormField>
        <div className="tk-builder-actions">
          {index > 0 && (
            <button type="button" id={fieldId(section.id, 'up')} className="tk-button" onClick={() => props.onMove(-1)}>
              {t.moveUp}<span className="tk-visually-hidden"> {title}</span>
            </button>
          )}
          {index < count - 1 && (
            <button type="button" id={fieldId(section.id, 'down')} className="tk-button" onClick={() => props.onMove(1)}>
              {t.moveDown}<span className="tk-visually-hidden"> {title}</span>
            </button>
          )}
          <button type="button" className="tk-button" onClick={props.onRemove}>
            {t.removeSection}<span className="tk-visually-hidden"> {title}</span>
          </button>
        </div>
      </div>
      {section.groups.map((group, n) => (
        <RowGroupEditor
          key={group.id}
          group={group}
          index={n}
          grades={grades}
          errors={errors}
          outcome={outcome(group.id)}
          canRemove={section.groups.length > 1}
          t={t}
          onChange={(patch) => props.onChangeRows(group.id, patch)}
          onRemove={() => props.onRemoveRows(group.id)}
        />
      ))}
      {rowsError && <p id={`${fieldId(section.id, 'rows')}-error`} className="field-error">{rowsError}</p>}
      <button type="button" id={fieldId(section.id, 'add-rows')} className="tk-button" onClick={props.onAddRows}>
        {t.addRows}<span className="tk-visually-hidden"> {t.toSection(title)}</span>
      </button>
    </fieldset>
  );
}
