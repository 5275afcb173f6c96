import type { ReactNode } from 'react';

interface ScrollTableProps {
  /** Names the scrolling region for screen readers, e.g. "Table: Nodes". */
  label: string;
  children: ReactNode;
}

/** A wide table that scrolls sideways on narrow screens; focusable so the keyboard can scroll it. */
export function ScrollTable({ label, children }: ScrollTableProps) {
  return (
    <div className="mon-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
