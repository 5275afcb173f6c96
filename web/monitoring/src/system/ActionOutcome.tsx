import type { ActionState } from './useComponentAction';

/** What a control's last request did: a polite note on success, an alert on failure. */
export function ActionOutcome({ state }: { state: ActionState }) {
  return (
    <>
      <p role="status" className="mon-outcome">{state.status === 'done' ? state.message : ''}</p>
      {state.status === 'failed' && <p role="alert" className="mon-field-error">{state.message}</p>}
    </>
  );
}
