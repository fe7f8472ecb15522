/**
 * Process scouts: visits on a tablet, offline first (under /scout). The area
 * is loaded on demand, so a business doing the check never downloads it; the
 * service worker keeps the chunk for offline use.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';

type ScoutMainComponent = ComponentType<{ path: string }>;

export function ScoutApp({ path }: { path: string }) {
  const i18n = useI18n();
  const [Main, setMain] = useState<{ component: ScoutMainComponent } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./scout-main.tsx').then(
      (module) => setMain({ component: module.ScoutMain }),
      () => setFailed(true),
    );
  }, []);
  if (Main) return <Main.component path={path} />;
  return (
    <div class="scout-boot" role={failed ? 'alert' : 'status'}>
      {failed ? i18n.t('scout.loadFailed') : i18n.t('scout.loading')}
    </div>
  );
}
