import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../../app-context.ts';

/**
 * A staff page's h1. It takes the focus when the page (the path) changes,
 * so screen readers announce it; a new filter in the query string keeps
 * the focus where it is, on the filter just changed.
 */
export function StaffHeading({ children, eyebrow, page }: { children: ComponentChildren; eyebrow?: ComponentChildren; page: string }) {
  const app = useApp();
  const i18n = app.i18n.value;
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current?.textContent?.trim();
    document.title = heading ? `${heading} – ${i18n.t('staff.area')} – ${i18n.t('app.name')}` : i18n.t('app.name');
  });
  useEffect(() => {
    // The first page after a full load keeps the browser's own focus handling.
    if (app.navigations.peek() === 0) return;
    ref.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [page]);
  return (
    <div class="page-heading">
      {eyebrow ? <p class="eyebrow">{eyebrow}</p> : null}
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}
