import type { CSSProperties } from 'react';
import type { Messages } from '../../i18n';
import { gradeColor } from './gradeColors';
import type { SeatMapPlan } from './planSeatMap';

interface MapPreviewProps {
  plan: SeatMapPlan;
  t: Messages['seller']['builder'];
}

/** Rows drawn per section; beyond this many the rest are counted, not drawn. */
const ROWS_SHOWN = 40;

/**
 * The generated map at a glance: one bar a row, one notch a seat, coloured by grade. It is a
 * picture of the summary tables, so assistive technology skips it.
 */
export function MapPreview({ plan, t }: MapPreviewProps) {
  const colour = new Map(plan.grades.map((grade, index) => [grade.id, gradeColor(index)]));
  const drawn = plan.sections.filter((section) => section.rows.length > 0);
  return (
    <figure className="tk-preview" aria-hidden="true">
      <figcaption>{t.previewHeading}</figcaption>
      <div>
        <ul className="tk-preview-legend">
          {plan.grades.map((grade, index) => (
            <li key={grade.id}>
              <span className="tk-builder-swatch" style={{ background: colour.get(grade.id) }} />
              {grade.name || t.gradeN(index + 1)}
            </li>
          ))}
        </ul>
        {drawn.length === 0 ? (
          <p className="hint">{t.previewEmpty}</p>
        ) : (
          <div className="tk-preview-map">
            <div className="tk-preview-stage">{t.stage}</div>
            {drawn.map((section) => (
              <div key={section.id} className="tk-preview-section">
                <p className="tk-preview-name">{section.name}</p>
                {section.rows.slice(0, ROWS_SHOWN).map((row) => (
                  <div key={row.label} className="tk-preview-row">
                    <span className="tk-preview-label">{row.label}</span>
                    <span
                      className="tk-preview-seats"
                      style={{ '--seats': row.seats, '--grade': colour.get(row.gradeId) ?? '#55525f' } as CSSProperties}
                    />
                  </div>
                ))}
                {section.rows.length > ROWS_SHOWN && <p className="hint">{t.moreRows(section.rows.length - ROWS_SHOWN)}</p>}
              </div>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
}
