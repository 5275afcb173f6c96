import { useEffect, useRef } from 'react';

/** A form's error, announced at once and focused when nothing else takes the focus. */
export function FormAlert({ message, focus = false }: { message: string | null; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && focus) ref.current?.focus();
  }, [message, focus]);
  if (!message) return null;
  return <div ref={ref} role="alert" className="dp-alert" tabIndex={-1}>{message}</div>;
}
