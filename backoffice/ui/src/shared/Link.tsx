// An <a> that navigates inside the SPA (and still opens in a new tab with a modifier key).
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../routing/router';

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  function click(e: MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={click} className={className}>
      {children}
    </a>
  );
}
