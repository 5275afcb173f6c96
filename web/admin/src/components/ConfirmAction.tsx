import { useEffect, useRef, useState } from 'react';

interface ConfirmActionProps {
  label: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/** A destructive action behind a confirmation step; focus moves to the confirming button. */
export function ConfirmAction({ label, question, confirmLabel, pendingLabel, cancelLabel, pending, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking && !pending) {
    return <button ref={openRef} type="button" className="adm-button adm-button-danger-outline" onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <div role="group" aria-label={label} className="adm-confirm">
      <p>{question}</p>
      <div className="adm-actions">
        <button ref={confirmRef} type="button" className="adm-button adm-button-danger" disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </button>
        <button type="button" className="adm-button" disabled={pending} onClick={() => setAsking(false)}>{cancelLabel}</button>
      </div>
    </div>
  );
}
