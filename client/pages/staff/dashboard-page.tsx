/**
 * The chamber's dashboard: filters (kept in the address bar), the key
 * figures, the distribution per dimension, the maturity levels, the monthly
 * trend, a comparison of groups and the two exports. Figures for fewer than
 * five businesses never reach the browser; the page says so where they would be.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Catalogue, PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import type { QuestionnaireSummary } from '../../../api/questionnaires.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import type { DashboardStats } from '../../api/staff-api.ts';
import { useApp, useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import { DistributionCard, KeyFigures, LevelsCard, TrendCard } from './dashboard-charts.tsx';
import { DashboardFilters } from './dashboard-filters.tsx';
import { GroupComparison } from './dashboard-groups.tsx';
import { dashboardSearch, parseDashboardQuery, toStatsQuery, type DashboardQuery } from './dashboard-query.ts';
import { buildVocabulary } from './dashboard-vocabulary.ts';
import { ExportsPanel } from './exports-panel.tsx';
import { DemandCard } from './demand-card.tsx';
import { failureMessage } from './staff-labels.ts';
import { StaffHeading } from './staff-heading.tsx';
import { STAFF_PAGES, StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

const versionKey = (version: string) => version.split('.').map((part) => part.padStart(6, '0')).join('.');

interface Basics {
  /** Versions of the questionnaire the dashboard shows (the server's default: the first one it lists), newest first. */
  versions: QuestionnaireSummary[];
  catalogue: Catalogue | null;
}

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; failure: ApiFailure };

export function DashboardPage() {
  const app = useApp();
  const i18n = useI18n();
  const staff = useStaff();
  // The route signal changes on every navigation, the query string with it.
  void app.route.value;
  const search = window.location.search;
  const query = useMemo(() => parseDashboardQuery(search), [search]);
  const key = dashboardSearch(query);

  const [basics, setBasics] = useState<Loaded<Basics>>({ state: 'loading' });
  useEffect(() => {
    void Promise.all([app.api.listQuestionnaires(), staff.api.catalogue()]).then(([list, catalogue]) => {
      if (!list.ok) return setBasics({ state: 'failed', failure: list.failure });
      const id = list.value[0]?.id;
      const versions = list.value.filter((q) => q.id === id).sort((a, b) => versionKey(b.version).localeCompare(versionKey(a.version)));
      // Without the catalogue regions are shown by id: worse, but the figures stay usable.
      setBasics({ state: 'ok', value: { versions, catalogue: catalogue.ok ? catalogue.value : null } });
    });
  }, []);

  const shown = basics.state === 'ok' ? (basics.value.versions.find((v) => v.version === query.version) ?? basics.value.versions[0]) : undefined;
  const [prepared, setPrepared] = useState<PreparedQuestionnaire | null>(null);
  const [preparedFailure, setPreparedFailure] = useState<ApiFailure | null>(null);
  useEffect(() => {
    if (!shown) return;
    void app.questionnaire(shown.id, shown.version).then((result) => {
      if (result.ok) setPrepared(result.value);
      setPreparedFailure(result.ok ? null : result.failure);
    });
  }, [shown?.id, shown?.version]);

  const [stats, setStats] = useState<Loaded<DashboardStats>>({ state: 'loading' });
  const [shownStats, setShownStats] = useState<DashboardStats | null>(null);
  const asked = useRef('');
  useEffect(() => {
    asked.current = key;
    setStats({ state: 'loading' });
    void staff.api.stats(toStatsQuery(query)).then((result) => {
      // An answer to an earlier filter that arrives late is dropped.
      if (asked.current !== key) return;
      if (result.ok) {
        setStats({ state: 'ok', value: result.value });
        setShownStats(result.value);
      } else setStats({ state: 'failed', failure: result.failure });
    });
  }, [key]);

  const vocabulary = useMemo(
    () => (prepared ? buildVocabulary(prepared, basics.state === 'ok' ? basics.value.catalogue : null, i18n) : null),
    [prepared, basics, i18n],
  );

  const apply = (next: DashboardQuery) => {
    const target = dashboardSearch(next);
    if (target !== key) app.navigate(STAFF_PAGES.dashboard + target);
  };

  const loading = stats.state === 'loading';
  const total = shownStats?.total;
  return (
    <StaffLayout current="dashboard">
      <div class="dashboard">
        <header class="dashboard__head">
          <StaffHeading page="/dashboard" eyebrow={i18n.t('staff.area')}>
            {i18n.t('staff.dashboard.title')}
          </StaffHeading>
          {prepared ? (
            <p class="dashboard__subtitle">
              {i18n.t('staff.dashboard.subtitle', { title: i18n.text(prepared.definition.title), version: query.version ?? i18n.t('staff.filter.allVersions') })}
            </p>
          ) : null}
        </header>

        {basics.state === 'failed' ? <Notice kind="error">{failureMessage(i18n, basics.failure)}</Notice> : null}
        {preparedFailure ? <Notice kind="error">{failureMessage(i18n, preparedFailure)}</Notice> : null}
        {vocabulary && basics.state === 'ok' ? (
          <DashboardFilters query={query} vocabulary={vocabulary} versions={basics.value.versions.map((v) => v.version)} onChange={apply} />
        ) : null}

        <p class="dashboard__status" role="status" aria-live="polite">
          {loading
            ? i18n.t('staff.dashboard.loading')
            : stats.state === 'ok'
              ? stats.value.total.suppressed
                ? i18n.t('staff.dashboard.statusSuppressed')
                : i18n.plural('staff.dashboard.status', stats.value.total.n ?? 0)
              : ''}
        </p>
        {stats.state === 'ok' && (stats.value.release.coarsened > 0 || stats.value.release.withheld > 0) ? (
          <p class="dashboard__release">
            {i18n.t('staff.dashboard.release', {
              minimum: stats.value.minimumGroupSize,
              coarsened: stats.value.release.coarsened,
              withheld: stats.value.release.withheld,
              all: stats.value.release.exact + stats.value.release.coarsened + stats.value.release.withheld,
            })}
          </p>
        ) : null}
        {stats.state === 'failed' ? <Notice kind="error">{failureMessage(i18n, stats.failure)}</Notice> : null}

        {shownStats && vocabulary && total ? (
          <div class={loading ? 'dashboard__body dashboard__body--busy' : 'dashboard__body'} aria-busy={loading}>
            {total.suppressed ? (
              <div class="card suppressed-card">
                <h2 class="card__title">{i18n.t('staff.suppressed')}</h2>
                <p>{i18n.t('staff.dashboard.suppressedHint', { minimum: shownStats.minimumGroupSize })}</p>
              </div>
            ) : (
              <>
                <KeyFigures stats={shownStats} vocabulary={vocabulary} />
                <DistributionCard stats={shownStats} vocabulary={vocabulary} />
                <div class="dashboard__pair">
                  <LevelsCard stats={shownStats} vocabulary={vocabulary} />
                  <TrendCard stats={shownStats} vocabulary={vocabulary} />
                </div>
              </>
            )}
            <GroupComparison stats={shownStats} vocabulary={vocabulary} onChooseGroup={(groupBy) => apply({ ...query, groupBy })} />
          </div>
        ) : stats.state === 'loading' ? (
          <p class="loading">{i18n.t('staff.dashboard.loading')}</p>
        ) : null}

        <DemandCard query={query} />
        <ExportsPanel query={query} />
      </div>
    </StaffLayout>
  );
}
