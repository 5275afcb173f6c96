import type { Policy, PolicyInput } from '../api/autoscale';
import type { FieldMessages } from '../common/fieldErrors';
import type { Messages } from '../i18n';

/** The policy form's fields as typed; the target is a percentage here, a share (0–1) on the server. */
export interface PolicyDraft {
  minReplicas: string;
  maxReplicas: string;
  targetPercent: string;
  cooldownSeconds: string;
  enabled: boolean;
}

export const NEW_POLICY: PolicyDraft = { minReplicas: '1', maxReplicas: '3', targetPercent: '70', cooldownSeconds: '120', enabled: true };

export function policyDraft(policy: Policy): PolicyDraft {
  return {
    minReplicas: String(policy.minReplicas),
    maxReplicas: String(policy.maxReplicas),
    targetPercent: String(Math.round(policy.targetCpu * 1000) / 10),
    cooldownSeconds: String(policy.cooldownSeconds),
    enabled: policy.enabled,
  };
}

const WHOLE = /^\d+$/;

/**
 * The body to send, or what to fix first. Only the form of each number is checked here; limits
 * such as min ≤ max are the server's, whose answer is shown at the field.
 */
export function policyInput(draft: PolicyDraft, t: Messages): { input: PolicyInput; errors: FieldMessages } {
  const errors: FieldMessages = {};
  for (const field of ['minReplicas', 'maxReplicas', 'cooldownSeconds'] as const) {
    if (!WHOLE.test(draft[field].trim())) errors[field] = t.enterWholeNumber;
  }
  const percent = Number(draft.targetPercent);
  if (draft.targetPercent.trim() === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) errors.targetCpu = t.enterPercent;
  return {
    input: {
      minReplicas: Number(draft.minReplicas),
      maxReplicas: Number(draft.maxReplicas),
      targetCpu: percent / 100,
      cooldownSeconds: Number(draft.cooldownSeconds),
      enabled: draft.enabled,
    },
    errors,
  };
}
