import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../../app-context.ts';

/**
 * The page's h1. After an in-app page change it takes the focus, so screen
 * readers announce the new page and Tab continues from its top.
 */
export function PageHeading({ children, eyebrow }: { children: ComponentChildren; eyebrow?: ComponentChildren }) {
  const app = useApp();
  const i18n = app.i18n.value;
  const ref = useRef<HTMLHeadingElement>(null);
  const navigation = app.navigations.value;
  // The tab title names the page too, for screen readers and the browser's history.
  useEffect(() => {
    const heading = ref.current?.textContent?.trim();
    const name = i18n.t('app.name');
    document.title = heading && heading !== name ? `${heading} – ${name}` : name;
  });
  useEffect(() => {
    // A jump to a question (from the review page) focuses that question instead.
    if (navigation === 0 || hasAnchor(app)) return;
    ref.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [navigation]);
  return (
    <div class="page-heading">
      {eyebrow ? <p class="eyebrow">{eyebrow}</p> : null}
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}

const hasAnchor = (app: ReturnType<typeof useApp>) => {
  const route = app.route.peek();
  return route.page === 'check' && route.anchor !== '';
};
