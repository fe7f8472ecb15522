/**
 * Process scouts: visits on a tablet, offline first (under /scout). The area
 * is loaded on demand, so a business doing the check never downloads it; the
 * service worker keeps the chunk for offline use.
 */
import { useI18n } from '../../app-context.ts';
import { useLazyComponent } from '../../components/lazy-component/use-lazy-component.ts';

export function ScoutApp({ path }: { path: string }) {
  const i18n = useI18n();
  const Main = useLazyComponent(() => import('./scout-main.tsx').then((module) => module.ScoutMain));
  if (Main && Main !== 'failed') return <Main path={path} />;
  const failed = Main === 'failed';
  return (
    <div class="scout-boot" role={failed ? 'alert' : 'status'}>
      {failed ? i18n.t('scout.loadFailed') : i18n.t('scout.loading')}
    </div>
  );
}
