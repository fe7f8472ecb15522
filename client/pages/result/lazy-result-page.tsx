/**
 * The result page, loaded when a check is submitted or reopened after
 * submission: a business on its first visit downloads only what it needs to
 * answer the first question (issue 18's 100 KB budget), not the result's
 * charts, referrals and request forms. The service worker caches the chunk
 * with the rest of the app, so a scout's tablet has it offline too.
 */
import { useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { useLazyComponent } from '../../components/lazy-component/use-lazy-component.ts';
import type { CheckSession } from '../../state/check-session.ts';

export function LazyResultPage({ session }: { session: CheckSession }) {
  const i18n = useI18n();
  const Page = useLazyComponent(() => import('./result-page.tsx').then((module) => module.ResultPage));
  if (Page && Page !== 'failed') return <Page session={session} />;
  const failed = Page === 'failed';
  return (
    <Layout>
      <p class="loading" role={failed ? 'alert' : 'status'}>
        {i18n.t(failed ? 'result.loadFailed' : 'result.loading')}
      </p>
    </Layout>
  );
}
