import type { ComponentChildren } from 'preact';
import { useApp } from '../../app-context.ts';

export interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'step' | 'page';
}

/** An ordinary link that the app follows itself (no reload); modified clicks open a new tab as usual. */
export function Link({ href, children, ...rest }: LinkProps) {
  const app = useApp();
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    app.navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
