/**
 * The frame of the staff area: brand, who is logged in, logout and language
 * on top; below it the area's tabs (the admin pages only for admins); the
 * page; a footer that says whose system this is.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { STAFF_PATH } from '../../routes.tsx';
import { roleLabel } from './staff-labels.ts';
import { useStaff } from './staff-state.ts';

export const STAFF_PAGES = {
  dashboard: `${STAFF_PATH}/dashboard`,
  leads: `${STAFF_PATH}/anfragen`,
  offers: `${STAFF_PATH}/angebote`,
  users: `${STAFF_PATH}/benutzer`,
  audit: `${STAFF_PATH}/protokoll`,
  mail: `${STAFF_PATH}/e-mail`,
} as const;

export function StaffLayout({ children, current }: { children: ComponentChildren; current?: keyof typeof STAFF_PAGES }) {
  const app = useApp();
  const i18n = useI18n();
  const staff = useStaff();
  const auth = staff.auth.value;
  const [logoutFailed, setLogoutFailed] = useState(false);
  const other = i18n.locale === 'de' ? 'en' : 'de';
  const user = auth.status === 'in' ? auth.user : null;

  const logout = async () => {
    setLogoutFailed(false);
    const result = await staff.logout();
    if (result.ok) app.navigate(STAFF_PATH);
    else setLogoutFailed(true);
  };

  const tabs: { page: keyof typeof STAFF_PAGES; label: string }[] = [
    { page: 'dashboard', label: i18n.t('staff.nav.dashboard') },
    { page: 'leads', label: i18n.t('staff.nav.leads') },
    { page: 'offers', label: i18n.t('staff.nav.offers') },
    { page: 'mail', label: i18n.t('staff.nav.mail') },
  ];
  if (user?.role === 'admin') tabs.push({ page: 'users', label: i18n.t('staff.nav.users') }, { page: 'audit', label: i18n.t('staff.nav.audit') });

  return (
    <div class="page staff">
      <a class="skip-link" href="#main">
        {i18n.t('layout.skipToContent')}
      </a>
      <header class="site-header staff-header">
        <div class="site-header__inner">
          <Link href={STAFF_PATH} class="brand">
            <span class="brand__mark" aria-hidden="true" />
            <span class="brand__name brand__name--long">{i18n.t('app.name')}</span>
            <span class="brand__name brand__name--short">{i18n.t('app.shortName')}</span>
            <span class="staff-header__area">{i18n.t('staff.area')}</span>
          </Link>
          <div class="staff-header__user">
            {user ? (
              <>
                <span class="staff-header__who">
                  <span class="staff-header__name">{user.name || user.email}</span>
                  <span class="staff-header__role">{roleLabel(i18n, user.role)}</span>
                </span>
                <button type="button" class="button button--small button--quiet" onClick={logout}>
                  {i18n.t('staff.logout')}
                </button>
              </>
            ) : null}
          </div>
          <button type="button" class="language-switch" onClick={() => app.setLocale(other)}>
            <span class="visually-hidden">{i18n.t('layout.languageSwitchHint')} </span>
            <span lang={other}>{i18n.t('layout.otherLanguage')}</span>
          </button>
        </div>
        {user && current ? (
          <nav class="staff-tabs" aria-label={i18n.t('staff.nav.label')}>
            <ul class="staff-tabs__list">
              {tabs.map((tab) => (
                <li key={tab.page}>
                  <Link href={STAFF_PAGES[tab.page]} class="staff-tabs__link" aria-current={tab.page === current ? 'page' : undefined}>
                    {tab.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" class="main main--wide staff-main" tabIndex={-1}>
        {logoutFailed ? <Notice kind="error">{i18n.t('staff.logoutFailed')}</Notice> : null}
        {children}
      </main>
      <footer class="site-footer">
        <p>{i18n.t('staff.footer')}</p>
      </footer>
    </div>
  );
}
