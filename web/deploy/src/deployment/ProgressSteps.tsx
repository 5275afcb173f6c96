import type { Revision } from '../api/deployments';
import type { Messages, StepState } from '../i18n';
import { stepsOf } from './progressSteps';

const SYMBOLS: Record<StepState, string> = {
  waiting: '○',
  started: '◔',
  done: '✓',
  failed: '✕',
  undone: '↺',
  'undo-failed': '⚠',
};

/** The newest revision's steps as an ordered list, each with its state in words and a symbol. */
export function ProgressSteps({ revision, t }: { revision: Revision; t: Messages }) {
  return (
    <section className="dp-section" aria-labelledby="dp-progress-heading">
      <h2 id="dp-progress-heading">{t.progressHeading(revision.number)}</h2>
      <ol className="dp-steps">
        {stepsOf(revision).map(({ step, state, message }) => (
          <li key={step} className={`dp-step dp-step-${state}`}>
            <span className="dp-step-symbol" aria-hidden="true">{SYMBOLS[state]}</span>
            <span className="dp-step-name">{t.stepNames[step] ?? step}</span>
            <span className="dp-step-state">{t.stepStates[state]}</span>
            {message && <span className="dp-step-message">{message}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
