import type { ComponentChildren } from 'preact';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { LoginForm } from './login-form.tsx';
import { LogoutButton } from './logout-dialog.tsx';
import { useScout } from './scout-context.ts';
import { scoutListPath } from './scout-routes.ts';
import { SyncStatusBar } from './sync-status.tsx';
import { problemMessage } from '../../state/problem-messages.ts';

/** Header (area, connection and sync, the scout, logout, language), notices that concern every page, content. */
export function ScoutLayout({ children, narrow = false }: { children: ComponentChildren; narrow?: boolean }) {
  const scout = useScout();
  const app = useApp();
  const i18n = useI18n();
  const auth = scout.auth.value;
  const other = i18n.locale === 'de' ? 'en' : 'de';
  const loggedIn = auth.kind === 'logged-in' ? auth : null;
  const status = scout.sync.value;
  return (
    <div class="page scout">
      <a class="skip-link" href="#main">
        {i18n.t('layout.skipToContent')}
      </a>
      <header class="site-header scout-header">
        <div class="site-header__inner scout-header__inner">
          <Link href={scoutListPath()} class="brand">
            <span class="brand__mark" aria-hidden="true" />
            <span class="brand__name brand__name--long">{i18n.t('scout.brand')}</span>
            <span class="brand__name brand__name--short">{i18n.t('scout.brandShort')}</span>
          </Link>
          {loggedIn ? <SyncStatusBar /> : <span class="scout-header__spacer" />}
          <div class="scout-header__actions">
            {loggedIn ? (
              <span class="scout-header__user" title={loggedIn.user.email}>
                <span class="visually-hidden">{i18n.t('scout.signedInAs', { name: loggedIn.user.name })}</span>
                <span aria-hidden="true">{loggedIn.user.name}</span>
              </span>
            ) : null}
            {loggedIn ? <LogoutButton /> : null}
            <button type="button" class="language-switch" onClick={() => app.setLocale(other)}>
              <span class="visually-hidden">{i18n.t('layout.languageSwitchHint')} </span>
              <span lang={other}>{i18n.t('layout.otherLanguage')}</span>
            </button>
          </div>
        </div>
      </header>
      <main id="main" class={narrow ? 'main' : 'main main--wide'} tabIndex={-1}>
        {loggedIn?.expired ? (
          <section class="card scout-expired" aria-labelledby="expired-title">
            <h2 id="expired-title" class="card__title">
              {i18n.t('scout.expiredTitle')}
            </h2>
            <p>{i18n.t('scout.expiredText')}</p>
            <details class="scout-expired__form">
              <summary>{i18n.t('scout.expiredOpen')}</summary>
              <LoginForm idPrefix="relogin" email={loggedIn.user.email} />
            </details>
          </section>
        ) : null}
        {scout.storageFailed.value ? <Notice kind="error">{i18n.t('scout.storageFailed')}</Notice> : null}
        {status.kind === 'rejected' && scout.pendingTotal.value > 0 ? (
          <Notice kind="error">
            {i18n.t('scout.syncRejected')} {problemMessage(i18n, { code: status.code, retryAfter: null })}
          </Notice>
        ) : null}
        {children}
      </main>
      <footer class="site-footer">
        <p>{i18n.t('scout.footer')}</p>
      </footer>
    </div>
  );
}
