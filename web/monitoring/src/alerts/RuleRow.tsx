import { COMPARISONS, METRICS, SEVERITIES } from '../api/alerts';
import type { FieldMessages } from '../common/fieldErrors';
import type { Messages } from '../i18n';
import type { RuleDraft } from './ruleDrafts';

interface RuleRowProps {
  draft: RuleDraft;
  index: number;
  errors: FieldMessages;
  t: Messages;
  onChange: (draft: RuleDraft) => void;
  onRemove: () => void;
}

/** One rule's fields; a field the server refused shows its reason underneath. */
export function RuleRow({ draft, index, errors, t, onChange, onRemove }: RuleRowProps) {
  const id = (field: string) => `mon-${draft.key}-${field}`;
  const described = (field: keyof RuleDraft) => (errors[field] ? `${id(field)}-error` : undefined);
  const invalid = (field: keyof RuleDraft) => (errors[field] ? true : undefined);
  const error = (field: keyof RuleDraft) =>
    errors[field] ? <p id={`${id(field)}-error`} className="mon-field-error">{errors[field]}</p> : null;
  const set = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => onChange({ ...draft, [field]: value });
  const title = draft.name.trim() || t.ruleNumber(index + 1);

  return (
    <fieldset className="mon-rule">
      <legend>{title}</legend>
      <div className="mon-rule-fields">
        <div className="mon-field">
          <label htmlFor={id('name')}>{t.ruleName}</label>
          <input id={id('name')} className="mon-input" value={draft.name} onChange={(e) => set('name', e.target.value)}
            aria-invalid={invalid('name')} aria-describedby={[described('name'), id('name-hint')].filter(Boolean).join(' ')} autoComplete="off" spellCheck={false} />
          <p id={id('name-hint')} className="mon-hint">{t.ruleNameHint}</p>
          {error('name')}
        </div>
        <div className="mon-field">
          <label htmlFor={id('metric')}>{t.metric}</label>
          <select id={id('metric')} className="mon-input" value={draft.metric} onChange={(e) => set('metric', e.target.value as RuleDraft['metric'])}
            aria-invalid={invalid('metric')} aria-describedby={described('metric')}>
            {METRICS.map((metric) => <option key={metric} value={metric}>{t.metricLabel[metric]}</option>)}
          </select>
          {error('metric')}
        </div>
        <div className="mon-field">
          <label htmlFor={id('comparison')}>{t.comparison}</label>
          <select id={id('comparison')} className="mon-input" value={draft.comparison} onChange={(e) => set('comparison', e.target.value as RuleDraft['comparison'])}
            aria-invalid={invalid('comparison')} aria-describedby={described('comparison')}>
            {COMPARISONS.map((comparison) => <option key={comparison} value={comparison}>{t.comparisonLabel[comparison]}</option>)}
          </select>
          {error('comparison')}
        </div>
        <div className="mon-field">
          <label htmlFor={id('threshold')}>{t.threshold}</label>
          <input id={id('threshold')} className="mon-input" inputMode="decimal" value={draft.threshold} onChange={(e) => set('threshold', e.target.value)}
            aria-invalid={invalid('threshold')} aria-describedby={[described('threshold'), id('threshold-hint')].filter(Boolean).join(' ')} />
          <p id={id('threshold-hint')} className="mon-hint">{t.thresholdHint[draft.metric]}</p>
          {error('threshold')}
        </div>
        <div className="mon-field">
          <label htmlFor={id('durationSeconds')}>{t.durationSeconds}</label>
          <input id={id('durationSeconds')} className="mon-input" inputMode="numeric" value={draft.durationSeconds} onChange={(e) => set('durationSeconds', e.target.value)}
            aria-invalid={invalid('durationSeconds')} aria-describedby={described('durationSeconds')} />
          {error('durationSeconds')}
        </div>
        <div className="mon-field">
          <label htmlFor={id('severity')}>{t.severity}</label>
          <select id={id('severity')} className="mon-input" value={draft.severity} onChange={(e) => set('severity', e.target.value as RuleDraft['severity'])}
            aria-invalid={invalid('severity')} aria-describedby={described('severity')}>
            {SEVERITIES.map((severity) => <option key={severity} value={severity}>{t.severityLabel(severity)}</option>)}
          </select>
          {error('severity')}
        </div>
      </div>
      <div className="mon-actions">
        <label className="mon-check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          {t.enabled}
        </label>
        <button type="button" className="mon-button" onClick={onRemove} aria-label={t.removeRule(title)}>{t.remove}</button>
      </div>
    </fieldset>
  );
}
