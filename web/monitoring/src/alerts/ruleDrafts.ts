import type { AlertRule, Comparison, Metric, Severity } from '../api/alerts';
import type { FieldMessages } from '../common/fieldErrors';
import type { Messages } from '../i18n';

/** A rule as edited: numbers stay text until saved, so half-typed values are kept. */
export interface RuleDraft {
  /** Stable across edits and reorderings, for React keys and ids. */
  key: string;
  name: string;
  metric: Metric;
  comparison: Comparison;
  threshold: string;
  durationSeconds: string;
  severity: Severity;
  enabled: boolean;
}

let counter = 0;
const nextKey = () => `rule-${(counter += 1)}`;

export function toDraft(rule: AlertRule): RuleDraft {
  return { ...rule, key: nextKey(), threshold: String(rule.threshold), durationSeconds: String(rule.durationSeconds) };
}

export function newDraft(): RuleDraft {
  return { key: nextKey(), name: '', metric: 'cpu', comparison: '>', threshold: '0.8', durationSeconds: '60', severity: 'warning', enabled: true };
}

/** Numbers that are not numbers are caught here; everything else is the server's to judge. */
export function checkDrafts(drafts: RuleDraft[], t: Messages): { rules: AlertRule[]; errors: FieldMessages[] } | { rules: null; errors: FieldMessages[] } {
  const errors = drafts.map((draft) => {
    const messages: FieldMessages = {};
    if (draft.threshold.trim() === '' || !Number.isFinite(Number(draft.threshold))) messages.threshold = t.enterNumber;
    if (!/^\d+$/.test(draft.durationSeconds.trim())) messages.durationSeconds = t.enterWholeSeconds;
    return messages;
  });
  if (errors.some((messages) => Object.keys(messages).length > 0)) return { rules: null, errors };
  const rules = drafts.map(({ key: _key, threshold, durationSeconds, ...rest }) => ({
    ...rest,
    name: rest.name.trim(),
    threshold: Number(threshold),
    durationSeconds: Number(durationSeconds),
  }));
  return { rules, errors };
}
