import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import type { MessageKey, Translator } from '../../state/i18n.ts';
import type { VisitListItem, VisitStatus } from '../../state/scout/visit-records.ts';
import { useScout } from './scout-context.ts';
import { ScoutLayout } from './scout-layout.tsx';
import { RESULT_STEP, newVisitPath, visitHomePath, visitPath } from './scout-routes.ts';
import { usePrepared } from './use-prepared.ts';

const STATUS: Record<VisitStatus, MessageKey> = {
  draft: 'scout.statusDraft',
  submitting: 'scout.statusSubmitting',
  submitted: 'scout.statusSubmitted',
};

/** Home: every visit of this scout, from the tablet and the server, with its status and what waits to sync. */
export function VisitListPage() {
  const scout = useScout();
  const i18n = useI18n();
  const list = scout.list.value;
  const pending = scout.pendingTotal.value;
  const status = scout.sync.value;
  const loaded = usePrepared();
  const prepared = loaded.kind === 'ready' ? loaded.value : null;
  return (
    <ScoutLayout>
      <div class="visits-head">
        <div>
          <PageHeading>{i18n.t('scout.listTitle')}</PageHeading>
          <p class="lead">{i18n.t('scout.listLead')}</p>
        </div>
        <Link href={newVisitPath()} class="button button--primary button--large visits-head__new">
          <span aria-hidden="true">+ </span>
          {i18n.t('scout.listNew')}
        </Link>
      </div>

      <section class="visits-summary" aria-label={i18n.t('scout.listSummary')}>
        <p class="visits-summary__item">
          <span class="visits-summary__value">{list.length}</span>
          <span class="visits-summary__label">{i18n.t('scout.listVisits')}</span>
        </p>
        <p class={`visits-summary__item${pending > 0 ? ' visits-summary__item--waiting' : ''}`}>
          <span class="visits-summary__value">{pending}</span>
          <span class="visits-summary__label">{i18n.t('scout.listWaiting')}</span>
        </p>
        <p class={`visits-summary__ready${scout.offlineReady.value ? ' visits-summary__ready--yes' : ''}`}>
          <span class="visits-summary__ready-icon" aria-hidden="true" />
          {scout.offlineReady.value ? i18n.t('scout.offlineReady') : i18n.t('scout.offlinePreparing')}
        </p>
        <div class="visits-summary__action">
          <button
            type="button"
            class="button"
            onClick={() => {
              scout.syncNow();
              void scout.refresh();
            }}
            aria-disabled={!scout.online.value || status.kind === 'syncing'}
          >
            {i18n.t('scout.syncNow')}
          </button>
        </div>
      </section>

      {list.length === 0 ? (
        <p class="card visits-empty">{i18n.t('scout.listEmpty')}</p>
      ) : (
        <ul class="visit-list">
          {list.map((item) => (
            <VisitRow key={item.id} item={item} prepared={prepared} i18n={i18n} />
          ))}
        </ul>
      )}
    </ScoutLayout>
  );
}

function VisitRow({ item, prepared, i18n }: { item: VisitListItem; prepared: PreparedQuestionnaire | null; i18n: Translator }) {
  const trade = prepared?.definition.profile.trades.find((t) => t.id === item.trade);
  const name = item.businessName || i18n.t('scout.listUnnamed');
  // A draft from another device opens once taken over (below); a finished one shows its result.
  const href = item.local ? (item.status === 'draft' ? visitHomePath(item.id) : visitPath(item.id, RESULT_STEP)) : item.status === 'submitted' ? visitPath(item.id, RESULT_STEP) : null;
  const sync =
    item.sync === 'local-only'
      ? i18n.t('scout.syncStateLocalOnly')
      : item.sync === 'waiting'
        ? i18n.plural('scout.syncStateWaiting', item.pending)
        : i18n.t('scout.syncStateSynced');
  const body = (
    <>
      <span class="visit-row__main">
        <span class="visit-row__name">{name}</span>
        <span class="visit-row__meta">
          {item.visitDate ? i18n.date(item.visitDate) : i18n.t('scout.listNoDate')}
          {trade ? ` · ${i18n.text(trade.label)}` : ''}
          {!item.local && item.status === 'draft' ? ` · ${i18n.t('scout.listOtherDevice')}` : ''}
        </span>
      </span>
      <span class="visit-row__badges">
        <span class={`badge badge--status-${item.status}`}>{i18n.t(STATUS[item.status])}</span>
        <span class={`badge badge--sync-${item.sync}`} data-sync={item.sync}>
          {sync}
        </span>
        {item.progress !== null && item.status === 'draft' ? <span class="visit-row__progress">{i18n.t('scout.listProgress', { percent: item.progress })}</span> : null}
      </span>
      {href ? (
        <span class="visit-row__chevron" aria-hidden="true">
          ›
        </span>
      ) : null}
    </>
  );
  return (
    <li class="visit-row" data-visit={item.id}>
      {href ? (
        <Link href={href} class="visit-row__link">
          {body}
        </Link>
      ) : (
        <div class="visit-row__link visit-row__link--static">{body}</div>
      )}
      {!item.local && item.status === 'draft' ? <TakeOver id={item.id} name={name} i18n={i18n} /> : null}
    </li>
  );
}

/** A draft this scout started on another tablet: load it from the server and continue here. */
function TakeOver({ id, name, i18n }: { id: string; name: string; i18n: Translator }) {
  const scout = useScout();
  const app = useApp();
  const [state, setState] = useState<'idle' | 'busy' | 'gone' | 'offline'>('idle');
  const takeOver = async () => {
    if (state === 'busy') return;
    setState('busy');
    const outcome = await scout.takeOver(id);
    if (outcome === 'ok') app.navigate(visitHomePath(id));
    else setState(outcome);
  };
  return (
    <div class="visit-row__take-over">
      {/* Named with the business, so a list of several says which visit a button takes over. */}
      <button type="button" class="button button--small" onClick={takeOver} aria-disabled={state === 'busy'} aria-label={`${i18n.t(state === 'busy' ? 'scout.takeOverBusy' : 'scout.takeOver')}: ${name}`}>
        {state === 'busy' ? i18n.t('scout.takeOverBusy') : i18n.t('scout.takeOver')}
      </button>
      <span role="status" class="visit-row__take-over-status">
        {state === 'gone' ? i18n.t('scout.takeOverGone') : state === 'offline' ? i18n.t('scout.takeOverOffline') : ''}
      </span>
    </div>
  );
}
