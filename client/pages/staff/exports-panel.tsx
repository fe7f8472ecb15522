/**
 * The two CSV exports for the current filters, as plain links: the browser
 * sends the session cookie along and saves the attachment itself, so even a
 * million rows stream to disk without passing through the page.
 */
import { useI18n } from '../../app-context.ts';
import { toStatsQuery, type DashboardQuery } from './dashboard-query.ts';
import { useStaff } from './staff-state.ts';

export function ExportsPanel({ query }: { query: DashboardQuery }) {
  const i18n = useI18n();
  const staff = useStaff();
  const { groupBy, ...filters } = query;
  const results = staff.api.exportUrl('results', toStatsQuery(filters, i18n.locale));
  const aggregates = staff.api.exportUrl('aggregates', toStatsQuery(query, i18n.locale));
  return (
    <section class="card exports" aria-labelledby="exports-title">
      <div class="exports__text">
        <h2 id="exports-title" class="chart-card__title">
          {i18n.t('staff.exports.title')}
        </h2>
        <p>{i18n.t('staff.exports.intro')}</p>
        <p class="exports__privacy">{i18n.t('staff.exports.privacy')}</p>
      </div>
      <ul class="exports__list">
        <li>
          <a class="button button--primary exports__link" href={results} download>
            <span class="icon-download" aria-hidden="true" />
            {i18n.t('staff.exports.results')}
          </a>
          <span class="exports__what">{i18n.t('staff.exports.resultsWhat')}</span>
        </li>
        <li>
          <a class="button exports__link" href={aggregates} download>
            <span class="icon-download" aria-hidden="true" />
            {i18n.t('staff.exports.aggregates')}
          </a>
          <span class="exports__what">{groupBy ? i18n.t('staff.exports.aggregatesWhat') : i18n.t('staff.exports.aggregatesWhatTotal')}</span>
        </li>
      </ul>
    </section>
  );
}
