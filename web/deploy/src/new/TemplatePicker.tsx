import { descriptionIn } from '@clove/web-kit/translations';
import type { TemplateSummary } from '../api/templates';
import type { Messages } from '../i18n';

interface TemplatePickerProps {
  templates: TemplateSummary[];
  chosen: string | null;
  t: Messages;
  onChoose: (id: string) => void;
}

/** The templates as a group of radio cards: the name, the revision and what it is for. */
export function TemplatePicker({ templates, chosen, t, onChoose }: TemplatePickerProps) {
  return (
    <fieldset className="dp-templates">
      <legend>{t.chooseTemplate}</legend>
      <ul className="dp-template-list">
        {templates.map((template) => {
          const id = `dp-template-${template.id}`;
          return (
            <li key={template.id}>
              <label htmlFor={id} className={`dp-template${chosen === template.id ? ' dp-template-chosen' : ''}`}>
                <input
                  id={id}
                  type="radio"
                  name="template"
                  value={template.id}
                  checked={chosen === template.id}
                  onChange={() => onChoose(template.id)}
                  aria-describedby={`${id}-description`}
                />
                <span className="dp-template-name">{template.name}</span>
                <span className="dp-hint"> · {t.templateRevision(template.revision)}</span>
                <span id={`${id}-description`} className="dp-template-description">
                  {descriptionIn(template, t.lang)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
