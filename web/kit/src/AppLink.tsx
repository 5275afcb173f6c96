import type { AriaAttributes, MouseEvent, ReactNode } from 'react';

interface AppLinkProps {
  href: string;
  navigate: (path: string) => void;
  children: ReactNode;
  className?: string;
  'aria-current'?: AriaAttributes['aria-current'];
}

/** A real link that hands same-tab clicks to the shell's router. */
export function AppLink({ href, navigate, children, className, 'aria-current': current }: AppLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={onClick} className={className} aria-current={current}>{children}</a>;
}
