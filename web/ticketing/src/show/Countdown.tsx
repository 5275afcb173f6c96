import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from '../format';

interface CountdownProps {
  /** ISO date-time the countdown runs to. */
  until: string;
  label: string;
  /** What a screen reader hears: "6 minutes left", "9 seconds left". */
  spoken: { minutes: (n: number) => string; seconds: (n: number) => string };
  onExpire: () => void;
}

/** Seconds left below which every second is announced. */
const FINAL_SECONDS = 10;

/**
 * What the live region says: whole minutes (rounded up) while there is time, so it changes
 * once a minute, and every second of the last ten.
 */
function announcement(ms: number, spoken: CountdownProps['spoken']): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds > FINAL_SECONDS ? spoken.minutes(Math.ceil(seconds / 60)) : spoken.seconds(seconds);
}

/**
 * mm:ss left until `until`, ticking every second on screen; a separate polite live region
 * announces it at most once a minute and then in the last ten seconds. Calls onExpire once at zero.
 */
export function Countdown({ until, label, spoken, onExpire }: CountdownProps) {
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
    <>
      <p className="countdown">
        {label}{' '}
        <span className={left < 60_000 ? 'countdown-time countdown-low' : 'countdown-time'}>
          <time dateTime={until}>{formatCountdown(left)}</time>
        </span>
      </p>
      <p aria-live="polite" aria-atomic="true" className="tk-visually-hidden">{announcement(left, spoken)}</p>
    </>
  );
}
