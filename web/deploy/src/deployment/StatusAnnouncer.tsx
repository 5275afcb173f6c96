import { useEffect, useRef, useState } from 'react';
import type { DeploymentStatus } from '../api/deployments';
import type { Messages } from '../i18n';

/** Tells screen-reader users when the status changes: only then, not on every poll. */
export function StatusAnnouncer({ status, t }: { status: DeploymentStatus; t: Messages }) {
  const [message, setMessage] = useState('');
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === status) return;
    previous.current = status;
    setMessage(t.statusNow(t.status[status]));
  }, [status, t]);
  return <p aria-live="polite" className="dp-visually-hidden">{message}</p>;
}
