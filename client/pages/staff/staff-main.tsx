/**
 * The staff area once loaded: its own state (who is logged in, the CSRF
 * token), and the page the path names — the login while nobody is logged in.
 */
import '../../styles/staff.css';
import { useEffect, useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { AuditPage } from './audit-page.tsx';
import { DashboardPage } from './dashboard-page.tsx';
import { LeadsPage } from './leads-page.tsx';
import { LoginPage } from './login-page.tsx';
import { MailPage } from './mail-page.tsx';
import { OffersPage } from './offers-page.tsx';
import { StaffHeading } from './staff-heading.tsx';
import { STAFF_PAGES, StaffLayout } from './staff-layout.tsx';
import { StaffContext, createStaffState, useStaff } from './staff-state.ts';
import { UsersPage } from './users-page.tsx';

export function StaffMain({ path }: { path: string }) {
  // Created once per visit to the area and dropped when it is left: no module-level state.
  const [staff] = useState(() => createStaffState());
  useEffect(() => {
    void staff.check();
  }, [staff]);
  return (
    <StaffContext.Provider value={staff}>
      <StaffRoutes path={path} />
    </StaffContext.Provider>
  );
}

function StaffRoutes({ path }: { path: string }) {
  const app = useApp();
  const i18n = useI18n();
  const auth = useStaff().auth.value;

  const loggedInAtRoot = auth.status === 'in' && path === '/';
  useEffect(() => {
    // /kammer is the door: once inside, it leads to the dashboard without a history entry of its own.
    if (loggedInAtRoot) app.navigate(STAFF_PAGES.dashboard + window.location.search, { replace: true });
  }, [loggedInAtRoot]);

  switch (auth.status) {
    case 'checking':
      return (
        <StaffLayout>
          <p class="loading" role="status">
            {i18n.t('staff.loading')}
          </p>
        </StaffLayout>
      );
    case 'unreachable':
      return (
        <StaffLayout>
          <Notice kind="error">{i18n.t('staff.error.offline')}</Notice>
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {i18n.t('error.reload')}
          </button>
        </StaffLayout>
      );
    case 'anonymous':
      return <LoginPage reason={auth.reason} />;
    case 'in':
      break;
  }
  if (loggedInAtRoot) return null;
  if (auth.user.role === 'scout') return <NoAccess page={path} text={i18n.t('staff.noAccess.scout')} />;
  switch (path) {
    case '/dashboard':
      return <DashboardPage />;
    case '/anfragen':
      return <LeadsPage />;
    case '/angebote':
      return <OffersPage />;
    case '/e-mail':
      return <MailPage />;
    case '/benutzer':
      return auth.user.role === 'admin' ? <UsersPage /> : <NoAccess page={path} text={i18n.t('staff.noAccess.adminOnly')} />;
    case '/protokoll':
      return auth.user.role === 'admin' ? <AuditPage /> : <NoAccess page={path} text={i18n.t('staff.noAccess.adminOnly')} />;
    default:
      return <StaffNotFound page={path} />;
  }
}

function NoAccess({ page, text }: { page: string; text: string }) {
  const i18n = useI18n();
  return (
    <StaffLayout current={page === '/benutzer' ? 'users' : page === '/protokoll' ? 'audit' : undefined}>
      <StaffHeading page={page}>{i18n.t('staff.noAccess.title')}</StaffHeading>
      <p class="lead">{text}</p>
      <Link class="button button--primary" href={STAFF_PAGES.dashboard}>
        {i18n.t('staff.noAccess.toDashboard')}
      </Link>
    </StaffLayout>
  );
}

function StaffNotFound({ page }: { page: string }) {
  const i18n = useI18n();
  return (
    <StaffLayout current="dashboard">
      <StaffHeading page={page}>{i18n.t('notFound.title')}</StaffHeading>
      <p class="lead">{i18n.t('staff.notFound')}</p>
      <Link class="button button--primary" href={STAFF_PAGES.dashboard}>
        {i18n.t('staff.noAccess.toDashboard')}
      </Link>
    </StaffLayout>
  );
}
