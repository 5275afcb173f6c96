import { useEffect, useRef } from 'react';
import { useLanguage } from '../language';

/** Shown in place of a remote that could not be loaded or crashed. */
export function RemoteError({ onRetry }: { onRetry: () => void }) {
  const { t } = useLanguage();
  const panel = useRef<HTMLDivElement>(null);
  // Keyboard users land on the panel, including after a retry that failed again.
  useEffect(() => panel.current?.focus(), []);
  return (
    <div ref={panel} role="alert" className="panel panel-error" tabIndex={-1}>
      <p className="panel-title">{t.partFailed}</p>
      <p>{t.partFailedHint}</p>
      <button type="button" className="button" onClick={onRetry}>{t.tryAgain}</button>
    </div>
  );
}
