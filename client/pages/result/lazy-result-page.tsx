/**
 * The result page, loaded when a check is submitted or reopened after
 * submission: a business on its first visit downloads only what it needs to
 * answer the first question (issue 18's 100 KB budget), not the result's
 * charts, referrals and request forms. The service worker caches the chunk
 * with the rest of the app, so a scout's tablet has it offline too.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import type { CheckSession } from '../../state/check-session.ts';

type ResultPageComponent = ComponentType<{ session: CheckSession }>;

export function LazyResultPage({ session }: { session: CheckSession }) {
  const i18n = useI18n();
  const [Page, setPage] = useState<{ component: ResultPageComponent } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./result-page.tsx').then(
      (module) => setPage({ component: module.ResultPage }),
      () => setFailed(true),
    );
  }, []);
  if (Page) return <Page.component session={session} />;
  return (
    <Layout>
      <p class="loading" role={failed ? 'alert' : 'status'}>
        {i18n.t(failed ? 'result.loadFailed' : 'result.loading')}
      </p>
    </Layout>
  );
}
