/**
 * The comparison of groups under the chosen grouping: one row per group with
 * its index (range) and its maturity levels (stacked bar) side by side, then
 * every figure in a table. A group of fewer than five businesses is a row
 * that says so — its figures never reached the browser.
 */
import type { DashboardStats, GroupStats, StatsGroup } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { EmptyPlot, RangeBandLabels, RangeLegend, RangePlot, RangeTicks } from '../../components/range-chart/range-chart.tsx';
import { StackLegend, StackedBar } from '../../components/stacked-bar/stacked-bar.tsx';
import { formatScore, formatShare, levelFigures, levelSegments, rangeLegend, summaryFigures } from './dashboard-charts.tsx';
import type { Vocabulary } from './dashboard-vocabulary.ts';
import { groupLabel } from './staff-labels.ts';

const SUGGESTED: StatsGroup[] = ['trade', 'employees', 'region', 'month'];

/**
 * Background strength of a dimension mean, scaled between the lowest and the
 * highest mean in the table so differences show; never darker than text on
 * it can bear (AA).
 */
function heatScale(values: number[]): (score: number) => number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return (score) => (hi > lo ? 0.04 + ((score - lo) / (hi - lo)) * 0.34 : 0.12);
}

interface Row {
  id: string;
  label: string;
  group: GroupStats;
  total: boolean;
}

export function GroupComparison({ stats, vocabulary, onChooseGroup }: { stats: DashboardStats; vocabulary: Vocabulary; onChooseGroup(groupBy: StatsGroup): void }) {
  const i18n = useI18n();
  const groupBy = stats.groupBy;
  if (!groupBy) {
    return (
      <section class="card group-prompt" aria-labelledby="groups-title">
        <h2 id="groups-title" class="chart-card__title">
          {i18n.t('staff.groups.promptTitle')}
        </h2>
        <p class="chart-card__hint">{i18n.t('staff.groups.prompt')}</p>
        <div class="button-row">
          {SUGGESTED.map((g) => (
            <button key={g} type="button" class="button button--small" onClick={() => onChooseGroup(g)}>
              {groupLabel(i18n, g)}
            </button>
          ))}
        </div>
      </section>
    );
  }

  const groupName = groupLabel(i18n, groupBy);
  const suppressed = i18n.t('staff.suppressed');
  const rows: Row[] = [
    { id: '\u0000total', label: i18n.t('staff.groups.all'), group: stats.total, total: true },
    ...stats.groups.map((g) => ({ id: g.key || '\u0000none', label: vocabulary.group(groupBy, g.key), group: g, total: false })),
  ];
  const dimensions = stats.dimensions.map((id) => ({ id, short: vocabulary.dimensions.find((d) => d.id === id)?.short ?? id }));
  const heat = heatScale(rows.flatMap((r) => Object.values(r.group.dimensions ?? {}).map((s) => s.mean)));

  return (
    <section class="card group-comparison" aria-labelledby="groups-title">
      <div class="chart-card__head">
        <h2 id="groups-title" class="chart-card__title">
          {i18n.t('staff.groups.title', { group: groupName })}
        </h2>
        <p class="chart-card__hint">{i18n.t('staff.groups.hint', { minimum: stats.minimumGroupSize })}</p>
      </div>

      <figure class="group-chart">
        <div class="group-chart__row group-chart__row--head" aria-hidden="true">
          <span class="group-chart__head">{groupName}</span>
          <span class="group-chart__head">{i18n.t('staff.groups.indexTitle')}</span>
          <span class="group-chart__head">{i18n.t('staff.groups.levelsTitle')}</span>
          <span class="group-chart__head group-chart__head--n">{i18n.t('staff.table.count')}</span>
        </div>
        <div class="group-chart__row group-chart__row--axis" aria-hidden="true">
          <span />
          <RangeBandLabels bands={vocabulary.levels} />
          <span />
          <span />
        </div>
        <ul class="group-chart__rows">
          {rows.map((row) => {
            const segments = row.group.suppressed ? null : levelSegments(stats, vocabulary, row.group);
            return (
              <li key={row.id} class={row.total ? 'group-chart__row group-chart__row--total' : 'group-chart__row'}>
                <span class="group-chart__label">{row.label}</span>
                {row.group.overall && segments ? (
                  <>
                    <RangePlot summary={row.group.overall} bands={vocabulary.levels} figures={summaryFigures(i18n, row.label, row.group.overall)} />
                    <StackedBar segments={segments} figures={levelFigures(i18n, row.label, segments)} formatShare={formatShare(i18n)} />
                  </>
                ) : (
                  <EmptyPlot class="group-chart__empty" text={suppressed} />
                )}
                <span class="group-chart__n">{row.group.n === null ? '–' : i18n.number(row.group.n)}</span>
              </li>
            );
          })}
        </ul>
        <div class="group-chart__row group-chart__row--axis" aria-hidden="true">
          <span />
          <RangeTicks />
          <span />
          <span />
        </div>
        <div class="group-chart__legends">
          <RangeLegend text={rangeLegend(i18n)} />
          <StackLegend segments={levelSegments(stats, vocabulary, stats.total)} />
        </div>
      </figure>

      <div class="table-scroll" role="region" aria-labelledby="groups-table-caption" tabIndex={0}>
        <table class="data-table data-table--groups">
          <caption id="groups-table-caption">{i18n.t('staff.groups.tableCaption', { group: groupName })}</caption>
          <thead>
            <tr>
              <th scope="col">{groupName}</th>
              <th scope="col" class="num">{i18n.t('staff.table.count')}</th>
              <th scope="col" class="num">{i18n.t('staff.table.mean')}</th>
              <th scope="col" class="num">{i18n.t('staff.table.median')}</th>
              <th scope="col" class="num">{i18n.t('staff.table.quartiles')}</th>
              {dimensions.map((d) => (
                <th key={d.id} scope="col" class="num">
                  <abbr title={i18n.t('staff.table.dimensionMean', { dimension: d.short })}>{d.short}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, label, group, total }) => (
              <tr key={id} class={total ? 'data-table__total' : group.suppressed ? 'data-table__suppressed' : undefined}>
                <th scope="row">
                  <span class="data-table__label">{label}</span>
                </th>
                {group.suppressed || !group.overall ? (
                  <td colSpan={4 + dimensions.length} class="suppressed-cell">
                    {suppressed}
                  </td>
                ) : (
                  <>
                    <td class="num">{i18n.number(group.n ?? 0)}</td>
                    <td class="num">{formatScore(i18n, group.overall.mean)}</td>
                    <td class="num">{formatScore(i18n, group.overall.median)}</td>
                    <td class="num">{i18n.t('staff.table.range', { q1: formatScore(i18n, group.overall.q1), q3: formatScore(i18n, group.overall.q3) })}</td>
                    {dimensions.map((d) => {
                      const s = group.dimensions?.[d.id];
                      return (
                        <td key={d.id} class={s ? 'num heat' : 'num'} style={s ? { '--heat': heat(s.mean) } : undefined}>
                          {s ? (
                            formatScore(i18n, s.mean)
                          ) : (
                            <>
                              <span aria-hidden="true">–</span>
                              <span class="visually-hidden">{suppressed}</span>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{i18n.t('staff.groups.tableNote')}</p>
    </section>
  );
}
