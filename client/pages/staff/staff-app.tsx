/**
 * Chamber staff and admins: login, dashboard, exports, users, audit log
 * (under /kammer). The area is loaded on demand, so a business doing the
 * check never downloads the dashboard, its charts or its stylesheet.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';

type StaffMainComponent = ComponentType<{ path: string }>;

export function StaffApp({ path }: { path: string }) {
  const i18n = useI18n();
  const [Main, setMain] = useState<{ component: StaffMainComponent } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./staff-main.tsx').then(
      (module) => setMain({ component: module.StaffMain }),
      () => setFailed(true),
    );
  }, []);
  if (Main) return <Main.component path={path} />;
  return (
    <p class="loading" role={failed ? 'alert' : 'status'}>
      {failed ? i18n.t('staff.loadFailed') : i18n.t('staff.loading')}
    </p>
  );
}
