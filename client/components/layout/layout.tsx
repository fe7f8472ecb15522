import type { ComponentChildren } from 'preact';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../link/link.tsx';

/** Header (name, optional save state, language), main content, footer. */
export function Layout({
  children,
  status,
  bar,
  wide = false,
}: {
  children: ComponentChildren;
  /** The save state, in the header's right half. */
  status?: ComponentChildren;
  /** A full-width bar that sticks with the header (the check's progress). */
  bar?: ComponentChildren;
  wide?: boolean;
}) {
  const app = useApp();
  const i18n = useI18n();
  const other = i18n.locale === 'de' ? 'en' : 'de';
  return (
    <div class="page">
      <a class="skip-link" href="#main">
        {i18n.t('layout.skipToContent')}
      </a>
      <header class={status ? 'site-header site-header--check' : 'site-header'}>
        <div class="site-header__inner">
          <Link href="/" class="brand">
            <span class="brand__mark" aria-hidden="true" />
            <span class="brand__name brand__name--long">{i18n.t('app.name')}</span>
            <span class="brand__name brand__name--short">{i18n.t('app.shortName')}</span>
          </Link>
          <div class="site-header__status">{status}</div>
          <button type="button" class="language-switch" onClick={() => app.setLocale(other)}>
            <span class="visually-hidden">{i18n.t('layout.languageSwitchHint')} </span>
            <span lang={other}>{i18n.t('layout.otherLanguage')}</span>
          </button>
        </div>
        {bar ? <div class="site-header__bar">{bar}</div> : null}
      </header>
      <main id="main" class={wide ? 'main main--wide' : 'main'} tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>{i18n.t('layout.footer')}</p>
      </footer>
    </div>
  );
}
