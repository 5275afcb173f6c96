import { useId, useState, type FormEvent } from 'react';
import { scaleComponent } from '../api/system';
import type { Messages } from '../i18n';
import { ActionOutcome } from './ActionOutcome';
import { useComponentAction } from './useComponentAction';

interface ScaleControlProps {
  token: string;
  deploymentId: string;
  deploymentLabel: string;
  component: string;
  current: number;
  t: Messages;
  onDone: () => void;
}

/** R21 by hand: a component's number of replicas (0 stops it). */
export function ScaleControl({ token, deploymentId, deploymentLabel, component, current, t, onDone }: ScaleControlProps) {
  const id = useId();
  const [value, setValue] = useState(String(current));
  const { state, run } = useComponentAction(t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await scaleComponent(token, deploymentId, component, Number(value));
      onDone();
      return t.scaled(result.replicas);
    });
  };
  return (
    <form className="mon-inline-form" onSubmit={submit} noValidate>
      <span className="mon-inline-label" aria-hidden="true">{t.scaleTo}</span>
      <label htmlFor={id} className="mon-visually-hidden">{t.replicasFor(deploymentLabel, component)}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={1000}
        step={1}
        required
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={state.status === 'failed' ? true : undefined}
        className="mon-input mon-input-short"
      />
      <button type="submit" className="mon-button" disabled={state.status === 'sending' || value.trim() === ''} aria-label={t.applyScale(deploymentLabel, component)}>
        {state.status === 'sending' ? t.applying : t.apply}
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}
