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
  planned: PlannedSection | undefined;
  grades: GradeDraft[];
  errors: FieldErrors;
  lang: Lang;
  t: Messages['seller']['builder'];
  onRename: (name: string) => void;
  onRemove: () => void;
  onAddRows: () => void;
  onChangeRows: (groupId: string, patch: Partial<Omit<RowGroupDraft, 'id'>>) => void;
  onRemoveRows: (groupId: string) => void;
}

/** One section: its name and its row groups. */
export function SectionEditor(props: SectionEditorProps) {
  const { section, index, planned, grades, errors, lang, t } = props;
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
        <button type="button" className="tk-button tk-builder-remove" onClick={props.onRemove}>
          {t.removeSection}<span className="tk-visually-hidden"> {section.name || t.sectionN(index + 1)}</span>
        </button>
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
        {t.addRows}<span className="tk-visually-hidden"> {t.toSection(section.name || t.sectionN(index + 1))}</span>
      </button>
    </fieldset>
  );
}
