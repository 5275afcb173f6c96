import { useId, useState, type FormEvent } from 'react';
import { moveComponent } from '../api/system';
import type { Messages } from '../i18n';
import { ActionOutcome } from './ActionOutcome';
import { useComponentAction } from './useComponentAction';

interface MoveControlProps {
  token: string;
  deploymentId: string;
  deploymentLabel: string;
  component: string;
  nodes: string[];
  current: string | undefined;
  t: Messages;
  onDone: () => void;
}

/** R22: run a component on another node. */
export function MoveControl({ token, deploymentId, deploymentLabel, component, nodes, current, t, onDone }: MoveControlProps) {
  const id = useId();
  const [node, setNode] = useState(current ?? nodes[0] ?? '');
  const { state, run } = useComponentAction(t);
  const sending = state.status === 'sending';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    void run(async () => {
      const result = await moveComponent(token, deploymentId, component, node);
      onDone();
      return t.moved(result.node);
    });
  };
  return (
    <form className="mon-inline-form" onSubmit={submit}>
      <span className="mon-inline-label" aria-hidden="true">{t.moveTo}</span>
      <label htmlFor={id} className="mon-visually-hidden">{t.nodeFor(deploymentLabel, component)}</label>
      <select id={id} value={node} onChange={(event) => setNode(event.target.value)} className="mon-input" aria-invalid={state.status === 'failed' ? true : undefined}>
        {nodes.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      {/* Not disabled while sending: a disabled button loses the focus, and keyboard users with it. */}
      <button type="submit" className="mon-button" disabled={node === ''} aria-disabled={sending || undefined} aria-label={t.applyMove(deploymentLabel, component)}>
        {sending ? t.applying : t.apply}
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}
