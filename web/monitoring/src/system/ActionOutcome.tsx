import type { ActionState } from './useComponentAction';

/**
 * What a control's last request did: a polite note on success (`done`, when the control says
 * more than the request's answer, such as a change that has since completed), an alert on failure.
 */
export function ActionOutcome({ state, done }: { state: ActionState; done?: string }) {
  return (
    <>
      <p role="status" className="mon-outcome">{state.status === 'done' ? done ?? state.message : ''}</p>
      {state.status === 'failed' && <p role="alert" className="mon-field-error">{state.message}</p>}
    </>
  );
}
