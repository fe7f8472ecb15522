import { useI18n } from '../../app-context.ts';
import type { Translator } from '../../state/i18n.ts';
import type { SyncStatus } from '../../state/scout/sync-loop.ts';
import { useScout } from './scout-context.ts';

export const waitingText = (count: number, i18n: Translator) =>
  i18n.plural('scout.syncWaiting', count);

function syncText(status: SyncStatus, pending: number, i18n: Translator): string {
  if (status.kind === 'syncing') return i18n.t('scout.syncSyncing');
  if (status.kind === 'login-required' && pending > 0) return i18n.t('scout.syncLoginRequired');
  if (pending === 0) return i18n.t('scout.syncIdle');
  return waitingText(pending, i18n);
}

/**
 * Connection and sync in the header: online or offline, whether the area is
 * cached for offline use, and how many changes wait. A polite live region of
 * fixed width, so syncing moves nothing.
 */
export function SyncStatusBar() {
  const scout = useScout();
  const i18n = useI18n();
  const online = scout.online.value;
  const pending = scout.pendingTotal.value;
  const status = scout.sync.value;
  const tone = pending === 0 ? 'done' : status.kind === 'syncing' ? 'busy' : 'waiting';
  return (
    <div class="sync-bar" role="group" aria-label={i18n.t('scout.headerStatus')}>
      <span class={`pill ${online ? 'pill--online' : 'pill--offline'}`}>
        <span class="pill__dot" aria-hidden="true" />
        {online ? i18n.t('scout.online') : i18n.t('scout.offline')}
        <span class="pill__detail">{scout.offlineReady.value ? ` · ${i18n.t('scout.offlineReady')}` : ''}</span>
      </span>
      <span class={`pill pill--sync pill--${tone}`} role="status" aria-live="polite" data-pending={pending}>
        <span class="pill__dot" aria-hidden="true" />
        {syncText(status, pending, i18n)}
      </span>
    </div>
  );
}
