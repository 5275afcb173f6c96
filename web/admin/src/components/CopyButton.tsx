import { useState } from 'react';

interface CopyButtonProps {
  text: string;
  label: string;
  copiedLabel: string;
  failedLabel: string;
}

/** Copies the text to the clipboard and says so in a polite live region. */
export function CopyButton({ text, label, copiedLabel, failedLabel }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <span className="adm-copy">
      <button type="button" className="adm-button adm-button-small" onClick={() => void copy()}>{label}</button>
      <span aria-live="polite" className="adm-hint">{outcome === 'copied' ? copiedLabel : outcome === 'failed' ? failedLabel : ''}</span>
    </span>
  );
}
