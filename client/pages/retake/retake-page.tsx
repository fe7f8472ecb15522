import { useEffect, useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { RETAKE_PATH, checkPath } from '../../routes.tsx';

/**
 * /wiederholen/<id>#TOKEN: the link and QR code of a report. Starts a new
 * check compared with that one — on a click, so opening or previewing the
 * link creates nothing. The token leaves the address bar at once.
 */
export function RetakePage({ id, token }: { id: string; token: string }) {
  const app = useApp();
  const i18n = useI18n();
  const [retakeToken] = useState(token);
  const [linked, setLinked] = useState(token !== '');
  const [state, setState] = useState<'ready' | 'busy' | 'offline'>('ready');

  useEffect(() => {
    if (token) window.history.replaceState(null, '', `${RETAKE_PATH}/${id}`);
  }, [id, token]);

  const go = async (previous: { id: string; retakeToken: string } | null) => {
    if (state === 'busy') return;
    setState('busy');
    const started = previous ? await app.startRetake(previous) : await app.startCheck();
    if (!started.ok) {
      // 400: no submitted check behind this link (erased, or the link cut short).
      if (previous && started.failure.status === 400) setLinked(false);
      setState(started.failure.status === 400 ? 'ready' : 'offline');
      return;
    }
    const first = started.value.prepared.definition.sections[0]!;
    app.navigate(checkPath(started.value.credentials.id, first.id));
  };

  return (
    <Layout>
      <PageHeading>{i18n.t('retake.title')}</PageHeading>
      {linked ? (
        <>
          <p class="lead">{i18n.t('retake.text')}</p>
          <button type="button" class="button button--primary button--large" onClick={() => go({ id, retakeToken })} aria-disabled={state === 'busy'}>
            {state === 'busy' ? i18n.t('retake.starting') : i18n.t('retake.start')}
          </button>
        </>
      ) : (
        <>
          <Notice kind="error">{i18n.t('retake.invalid')}</Notice>
          <button type="button" class="button button--large" onClick={() => go(null)} aria-disabled={state === 'busy'}>
            {state === 'busy' ? i18n.t('retake.starting') : i18n.t('retake.fresh')}
          </button>
        </>
      )}
      {state === 'offline' ? <Notice kind="error">{i18n.t('error.offline')}</Notice> : null}
    </Layout>
  );
}
