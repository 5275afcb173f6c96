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
  /** Replicas running and ready now, to say when a change is complete. */
  running: number;
  ready: number;
  t: Messages;
  onDone: () => void;
}

/** R21 by hand: a component's number of replicas (0 stops it). */
export function ScaleControl({ token, deploymentId, deploymentLabel, component, current, running, ready, t, onDone }: ScaleControlProps) {
  const id = useId();
  const [value, setValue] = useState(String(current));
  /** The replicas asked for by the last Apply. */
  const [target, setTarget] = useState<number | null>(null);
  const { state, run } = useComponentAction(t);
  const sending = state.status === 'sending';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    void run(async () => {
      const result = await scaleComponent(token, deploymentId, component, Number(value));
      setTarget(result.replicas);
      onDone();
      return t.scaled(result.replicas);
    });
  };
  const settled = target !== null && current === target && running === target && ready === target;
  const outcome = target === null ? undefined : settled ? t.scaledDone(target) : t.scaled(target);
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
      {/* Not disabled while sending: a disabled button loses the focus, and keyboard users with it. */}
      <button type="submit" className="mon-button" disabled={value.trim() === ''} aria-disabled={sending || undefined} aria-label={t.applyScale(deploymentLabel, component)}>
        {sending ? t.applying : t.apply}
      </button>
      <ActionOutcome state={state} done={outcome} />
    </form>
  );
}
