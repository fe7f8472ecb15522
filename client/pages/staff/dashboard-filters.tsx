/**
 * The dashboard's filters. Each change applies at once (and becomes a new
 * entry in the browser's history); the focus stays on the control, and the
 * status line under the filters announces the new number of checks.
 */
import { useState } from 'preact/hooks';
import { STATS_GROUPS, type Channel, type StatsGroup } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { hasFilters, isMonth, withPart, type DashboardQuery } from './dashboard-query.ts';
import type { Choice, Vocabulary } from './dashboard-vocabulary.ts';
import { groupLabel } from './staff-labels.ts';

/** Select values: '' is "all" (no filter); ids never start with '-', so '-' can mean "not given". */
const ALL = '';
const NOT_GIVEN = '-';

const toSelect = (value: string | undefined) => (value === undefined ? ALL : value === '' ? NOT_GIVEN : value);
const fromSelect = (value: string) => (value === ALL ? undefined : value === NOT_GIVEN ? '' : value);

export function DashboardFilters({ query, vocabulary, versions, onChange }: { query: DashboardQuery; vocabulary: Vocabulary; versions: string[]; onChange(next: DashboardQuery): void }) {
  const i18n = useI18n();
  const [monthError, setMonthError] = useState<{ from?: boolean; to?: boolean }>({});
  const periodWrong = query.from !== undefined && query.to !== undefined && query.from > query.to;

  const select = (key: 'trade' | 'employees' | 'region', label: string, choices: Choice[]) => (
    <div class="filter">
      <label class="filter__label" for={`filter-${key}`}>
        {label}
      </label>
      <select id={`filter-${key}`} class="input filter__control" value={toSelect(query[key])} onChange={(e) => onChange(withPart(query, key, fromSelect(e.currentTarget.value)))}>
        <option value={ALL}>{i18n.t('staff.filter.all')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
        <option value={NOT_GIVEN}>{i18n.t('staff.notGiven')}</option>
      </select>
    </div>
  );

  const month = (key: 'from' | 'to', label: string) => (
    <div class="filter filter--month">
      <label class="filter__label" for={`filter-${key}`}>
        {label}
      </label>
      <input
        id={`filter-${key}`}
        class="input filter__control"
        type="month"
        // Browsers without a month picker show a text field: the pattern says what to type.
        pattern="\d{4}-\d{2}"
        placeholder={i18n.t('staff.filter.monthPlaceholder')}
        value={query[key] ?? ''}
        aria-invalid={monthError[key] || (periodWrong && key === 'to') ? 'true' : undefined}
        aria-describedby={monthError[key] || (periodWrong && key === 'to') ? 'filter-period-error' : undefined}
        onChange={(e) => {
          const value = e.currentTarget.value.trim();
          if (value !== '' && !isMonth(value)) return setMonthError({ ...monthError, [key]: true });
          setMonthError({ ...monthError, [key]: false });
          onChange(withPart(query, key, value || undefined));
        }}
      />
    </div>
  );

  return (
    <form class="card filters" aria-labelledby="filters-title" onSubmit={(e) => e.preventDefault()}>
      <div class="filters__head">
        <h2 id="filters-title" class="filters__title">
          {i18n.t('staff.filter.title')}
        </h2>
        {hasFilters(query) ? (
          <button type="button" class="button button--small button--quiet" onClick={() => onChange(query.groupBy ? { groupBy: query.groupBy } : {})}>
            {i18n.t('staff.filter.reset')}
          </button>
        ) : null}
      </div>
      <div class="filters__grid">
        {select('trade', i18n.t('staff.filter.trade'), vocabulary.trades)}
        {select('employees', i18n.t('staff.filter.employees'), vocabulary.employees)}
        {select('region', i18n.t('staff.filter.region'), vocabulary.regions)}
        <div class="filter">
          <label class="filter__label" for="filter-channel">
            {i18n.t('staff.filter.channel')}
          </label>
          <select
            id="filter-channel"
            class="input filter__control"
            value={query.channel ?? ALL}
            onChange={(e) => onChange(withPart(query, 'channel', (e.currentTarget.value || undefined) as Channel | undefined))}
          >
            <option value={ALL}>{i18n.t('staff.filter.all')}</option>
            {vocabulary.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label class="filter__label" for="filter-version">
            {i18n.t('staff.filter.version')}
          </label>
          <select id="filter-version" class="input filter__control" value={query.version ?? ALL} onChange={(e) => onChange(withPart(query, 'version', e.currentTarget.value || undefined))}>
            <option value={ALL}>{i18n.t('staff.filter.allVersions')}</option>
            {versions.map((v) => (
              <option key={v} value={v}>
                {i18n.t('staff.versionLabel', { version: v })}
              </option>
            ))}
          </select>
        </div>
        {month('from', i18n.t('staff.filter.from'))}
        {month('to', i18n.t('staff.filter.to'))}
        <div class="filter filter--group">
          <label class="filter__label" for="filter-group">
            {i18n.t('staff.filter.groupBy')}
          </label>
          <select
            id="filter-group"
            class="input filter__control"
            value={query.groupBy ?? ALL}
            onChange={(e) => onChange(withPart(query, 'groupBy', (e.currentTarget.value || undefined) as StatsGroup | undefined))}
          >
            <option value={ALL}>{i18n.t('staff.filter.noGrouping')}</option>
            {STATS_GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(i18n, g)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {monthError.from || monthError.to || periodWrong ? (
        <p id="filter-period-error" class="field-error">
          {periodWrong ? i18n.t('staff.filter.periodWrong') : i18n.t('staff.filter.monthInvalid')}
        </p>
      ) : null}
    </form>
  );
}
