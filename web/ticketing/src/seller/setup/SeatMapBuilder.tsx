import { useEffect, useState } from 'react';
import type { PriceFormat } from '../../format';
import type { Messages } from '../../i18n';
import type { Lang } from '../../session';
import { fieldId, type FieldErrors } from '../fieldErrors';
import { BuilderSummary } from './BuilderSummary';
import { GradesEditor } from './GradesEditor';
import { MapPreview } from './MapPreview';
import type { SeatMapPlan } from './planSeatMap';
import * as edit from './seatMapDraft';
import { SectionEditor } from './SectionEditor';

interface SeatMapBuilderProps {
  draft: edit.SeatMapDraft;
  plan: SeatMapPlan;
  errors: FieldErrors;
  lang: Lang;
  symbol: string;
  price: PriceFormat;
  t: Messages['seller']['builder'];
  onChange: (draft: edit.SeatMapDraft) => void;
}

/** Grades and sections of row groups, with a live summary and a preview of the seats they make. */
export function SeatMapBuilder({ draft, plan, errors, lang, symbol, price, t, onChange }: SeatMapBuilderProps) {
  // After adding or removing an item, focus goes to the new item or to the button that adds one.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const change = (next: edit.SeatMapDraft, focus?: string) => {
    onChange(next);
    if (focus) setFocusId(focus);
  };
  const sectionsError = errors['sm-sections'];

  return (
    <div className="tk-builder">
      <GradesEditor
        grades={draft.grades}
        errors={errors}
        symbol={symbol}
        t={t}
        onChange={(id, patch) => change(edit.changeGrade(draft, id, patch))}
        onAdd={() => {
          const next = edit.addGrade(draft);
          change(next, fieldId(next.grades.at(-1)!.id, 'name'));
        }}
        onRemove={(id) => change(edit.removeGrade(draft, id), 'sm-add-grade')}
      />
      <fieldset className="tk-seller-fieldset" aria-describedby={sectionsError ? 'sm-sections-error' : undefined}>
        <legend>{t.sectionsLegend}</legend>
        <p className="hint">{t.sectionsHint} {t.rowsHint}</p>
        {draft.sections.map((section, index) => (
          <SectionEditor
            key={section.id}
            section={section}
            index={index}
            count={draft.sections.length}
            planned={plan.sections[index]}
            grades={draft.grades}
            errors={errors}
            lang={lang}
            t={t}
            onRename={(name) => change(edit.changeSection(draft, section.id, { name }))}
            onRemove={() => change(edit.removeSection(draft, section.id), 'sm-add-section')}
            onMove={(by) => {
              // Focus stays with the moved section: on the same button, or on the other one at an end.
              const to = index + by;
              const button = by < 0 ? (to > 0 ? 'up' : 'down') : (to < draft.sections.length - 1 ? 'down' : 'up');
              change(edit.moveSection(draft, section.id, by), fieldId(section.id, button));
            }}
            onAddRows={() => {
              const next = edit.addRowGroup(draft, section.id);
              const added = next.sections.find((s) => s.id === section.id)?.groups.at(-1);
              change(next, added && fieldId(added.id, 'mode'));
            }}
            onChangeRows={(groupId, patch) => change(edit.changeRowGroup(draft, section.id, groupId, patch))}
            onRemoveRows={(groupId) => change(edit.removeRowGroup(draft, section.id, groupId), fieldId(section.id, 'add-rows'))}
          />
        ))}
        {sectionsError && <p id="sm-sections-error" className="field-error">{sectionsError}</p>}
        <button
          type="button"
          id="sm-add-section"
          className="tk-button"
          onClick={() => {
            const next = edit.addSection(draft);
            change(next, fieldId(next.sections.at(-1)!.id, 'name'));
          }}
        >
          {t.addSection}
        </button>
      </fieldset>
      <BuilderSummary plan={plan} lang={lang} price={price} t={t} />
      <MapPreview plan={plan} t={t} />
    </div>
  );
}
