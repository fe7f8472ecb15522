/**
 * The scouts' area: opens the tablet's storage, creates the scouts' state,
 * registers the service worker and shows the page the path names: the login
 * while nobody is logged in, else the visit list, a new visit or a visit.
 */
import '../../styles/scout.css';
import { useEffect, useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { createScoutApi } from '../../api/scout-api.ts';
import { openScoutStorage } from '../../state/scout/scout-storage.ts';
import { createScoutState, type ScoutState } from '../../state/scout/scout-state.ts';
import { registerServiceWorker } from '../../state/scout/service-worker.ts';
import { ScoutContext, useScout } from './scout-context.ts';
import { ScoutLayout } from './scout-layout.tsx';
import { LoginPage } from './login-page.tsx';
import { NewVisitPage } from './new-visit-page.tsx';
import { parseScoutPath } from './scout-routes.ts';
import { VisitListPage } from './visit-list-page.tsx';
import { VisitPage } from './visit-page.tsx';

type Opened = { kind: 'opening' } | { kind: 'open'; state: ScoutState } | { kind: 'unavailable' };

export function ScoutMain({ path }: { path: string }) {
  const i18n = useI18n();
  const [opened, setOpened] = useState<Opened>({ kind: 'opening' });

  useEffect(() => {
    let cancelled = false;
    let created: ScoutState | null = null;
    const factory = typeof indexedDB === 'undefined' ? null : indexedDB;
    if (!factory) {
      setOpened({ kind: 'unavailable' });
      return;
    }
    openScoutStorage(factory).then(
      (storage) => {
        if (cancelled) return;
        created = createScoutState({ api: createScoutApi(), storage, window });
        setOpened({ kind: 'open', state: created });
        void registerServiceWorker(navigator.serviceWorker).then((ready) => created?.setOfflineReady(ready));
        // Unsynced visits must survive storage pressure: ask the browser not to evict this site's data.
        void navigator.storage?.persist?.().catch(() => false);
      },
      () => !cancelled && setOpened({ kind: 'unavailable' }),
    );
    return () => {
      cancelled = true;
      created?.dispose();
    };
  }, []);

  if (opened.kind === 'opening') {
    return (
      <div class="scout-boot" role="status">
        {i18n.t('scout.loading')}
      </div>
    );
  }
  if (opened.kind === 'unavailable') {
    return (
      <div class="scout-boot scout-boot--problem" role="alert">
        <h1>{i18n.t('scout.storageUnavailableTitle')}</h1>
        <p>{i18n.t('scout.storageUnavailableText')}</p>
      </div>
    );
  }
  return (
    <ScoutContext.Provider value={opened.state}>
      <ScoutRouter path={path} />
    </ScoutContext.Provider>
  );
}

function ScoutRouter({ path }: { path: string }) {
  const scout = useScout();
  const app = useApp();
  const i18n = useI18n();
  const auth = scout.auth.value;
  if (auth.kind === 'loading') {
    return (
      <div class="scout-boot" role="status">
        {i18n.t('scout.loading')}
      </div>
    );
  }
  if (auth.kind === 'logged-out') return <LoginPage />;
  const route = parseScoutPath(path);
  switch (route.view) {
    case 'list':
      return <VisitListPage />;
    case 'new':
      return <NewVisitPage />;
    case 'visit':
      return <VisitPage id={route.id} step={route.step} />;
    case 'not-found':
      return (
        <ScoutLayout>
          <h1>{i18n.t('notFound.title')}</h1>
          <button type="button" class="button" onClick={() => app.navigate('/scout')}>
            {i18n.t('scout.toList')}
          </button>
        </ScoutLayout>
      );
  }
}
