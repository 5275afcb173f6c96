import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from '../format';

interface CountdownProps {
  /** ISO date-time the countdown runs to. */
  until: string;
  label: string;
  onExpire: () => void;
}

/** mm:ss left until `until`, announced politely; calls onExpire once at zero. */
export function Countdown({ until, label, onExpire }: CountdownProps) {
  const end = new Date(until).getTime();
  const [now, setNow] = useState(() => Date.now());
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;

  useEffect(() => {
    let fired = false;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (!fired && current >= end) {
        fired = true;
        expireRef.current();
      }
    };
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [end]);

  const left = Number.isNaN(end) ? 0 : end - now;
  return (
    <p className="countdown">
      {label}{' '}
      <span aria-live="polite" aria-atomic="true" className={left < 60_000 ? 'countdown-time countdown-low' : 'countdown-time'}>
        <time dateTime={until}>{formatCountdown(left)}</time>
      </span>
    </p>
  );
}
