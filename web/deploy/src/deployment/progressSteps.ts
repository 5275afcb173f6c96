import type { ProgressEntry, Revision } from '../api/deployments';
import type { StepState } from '../i18n';

/** The deployer's steps: a first revision builds everything, a later one rolls out beside the running one. */
const FIRST_REVISION_STEPS = ['namespace', 'credential', 'database', 'apply', 'ready', 'route'];
const LATER_REVISION_STEPS = ['apply', 'ready', 'switch', 'drain'];

export interface StepView {
  step: string;
  state: StepState;
  message?: string;
}

/** Each step's latest state, in the order they run; steps not started yet are `waiting`. */
export function stepsOf(revision: Revision): StepView[] {
  const latest = new Map<string, ProgressEntry>();
  for (const entry of revision.progress) latest.set(entry.step, entry);
  const expected = revision.number === 1 ? FIRST_REVISION_STEPS : LATER_REVISION_STEPS;
  const order = [...expected, ...revision.progress.map((entry) => entry.step).filter((step) => !expected.includes(step))];
  return [...new Set(order)].map((step) => {
    const entry = latest.get(step);
    return entry ? { step, state: entry.state, message: entry.message } : { step, state: 'waiting' };
  });
}
