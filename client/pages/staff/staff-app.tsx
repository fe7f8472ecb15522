/**
 * Chamber staff and admins: login, dashboard, exports, users, audit log
 * (under /kammer). The area is loaded on demand, so a business doing the
 * check never downloads the dashboard, its charts or its stylesheet.
 */
import { useI18n } from '../../app-context.ts';
import { useLazyComponent } from '../../components/lazy-component/use-lazy-component.ts';

export function StaffApp({ path }: { path: string }) {
  const i18n = useI18n();
  const Main = useLazyComponent(() => import('./staff-main.tsx').then((module) => module.StaffMain));
  if (Main && Main !== 'failed') return <Main path={path} />;
  const failed = Main === 'failed';
  return (
    <p class="loading" role={failed ? 'alert' : 'status'}>
      {failed ? i18n.t('staff.loadFailed') : i18n.t('staff.loading')}
    </p>
  );
}
