/**
 * Demand against offer: per topic, how many businesses in the view have it
 * among their fields of action, and how many workshops on it start in the
 * next 90 days. A topic with demand and none is flagged — what to plan next.
 * Counted over the same anonymised release as every other figure.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Catalogue } from '../../../questionnaires/engine/index.ts';
import type { DemandView } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { toStatsQuery, type DashboardQuery } from './dashboard-query.ts';
import { useStaff } from './staff-state.ts';

export function DemandCard({ query }: { query: DashboardQuery }) {
  const i18n = useI18n();
  const staff = useStaff();
  const [demand, setDemand] = useState<DemandView | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const { groupBy: _groupBy, ...filters } = query;
  const key = JSON.stringify(filters);
  useEffect(() => {
    void staff.api.demand(toStatsQuery(filters)).then((r) => r.ok && setDemand(r.value));
  }, [key]);
  useEffect(() => {
    void staff.api.catalogue().then((r) => r.ok && setCatalogue(r.value));
  }, []);
  if (!demand) return null;
  const title = (id: string) => {
    const topic = catalogue?.topics.find((t) => t.id === id);
    return topic ? (i18n.locale === 'en' ? (topic.title.en ?? topic.title.de) : topic.title.de) : id;
  };
  const rows = demand.topics.filter((t) => t.businesses > 0 || t.upcomingWorkshops > 0);
  return (
    <section class="card demand" aria-labelledby="demand-title">
      <h2 id="demand-title" class="chart-card__title">
        {i18n.t('staff.demand.title')}
      </h2>
      <p>
        {demand.businesses === null
          ? i18n.t('staff.demand.tooFew', { minimum: demand.minimumGroupSize })
          : i18n.t('staff.demand.intro', { n: demand.businesses, days: demand.upcomingDays })}
      </p>
      <div class="table-scroll" role="region" aria-labelledby="demand-table-caption" tabIndex={0}>
      <table class="data-table">
        <caption id="demand-table-caption" class="visually-hidden">
          {i18n.t('staff.demand.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('staff.demand.topic')}</th>
            <th scope="col">{i18n.t('staff.demand.businesses')}</th>
            <th scope="col">{i18n.t('staff.demand.workshops', { days: demand.upcomingDays })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.topic} class={t.flagged ? 'is-flagged' : undefined}>
              <th scope="row">
                {title(t.topic)}
                {t.flagged ? <span class="tag tag--warning">{i18n.t('staff.demand.flag')}</span> : null}
              </th>
              <td>{t.businesses}</td>
              <td>{t.upcomingWorkshops}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
