/** The dashboard's figures for the whole selection: key figures, dimensions, levels, trend. */
import type { DashboardStats, GroupStats, Summary } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { RangeChart, type RangeRow } from '../../components/range-chart/range-chart.tsx';
import { StackLegend, StackedBar, type StackSegment } from '../../components/stacked-bar/stacked-bar.tsx';
import { TrendChart, type TrendChartPoint } from '../../components/trend-chart/trend-chart.tsx';
import type { Translator } from '../../state/i18n.ts';
import type { Vocabulary } from './dashboard-vocabulary.ts';

interface Part {
  stats: DashboardStats;
  vocabulary: Vocabulary;
}

// Means come rounded to one decimal; median and quartiles are exact multiples of 0.025 (up to three
// decimals, e.g. 61.65). Shown as sent, so each figure reads as it does in aggregates.csv.
export const formatScore = (i18n: Translator, value: number) => i18n.number(value, 3);
export const formatShare = (i18n: Translator) => (share: number) => i18n.t('staff.percent', { value: i18n.number(share * 100, 0) });

/** A summary in words: the accessible name of its chart row. */
export function summaryFigures(i18n: Translator, label: string, s: Summary): string {
  return i18n.t('staff.chart.figures', {
    label,
    mean: formatScore(i18n, s.mean),
    median: formatScore(i18n, s.median),
    q1: formatScore(i18n, s.q1),
    q3: formatScore(i18n, s.q3),
    n: s.n,
  });
}

export function rangeRow(i18n: Translator, id: string, label: string, summary: Summary | null | undefined, emphasis = false): RangeRow {
  const suppressed = i18n.t('staff.suppressed');
  return summary
    ? { id, label, summary, figures: summaryFigures(i18n, label, summary), valueText: i18n.t('staff.chart.meanShort', { mean: formatScore(i18n, summary.mean) }), emphasis }
    : { id, label, summary: null, emptyText: suppressed, figures: `${label}: ${suppressed}`, valueText: '', emphasis };
}

export function levelSegments(stats: DashboardStats, vocabulary: Vocabulary, group: GroupStats): StackSegment[] {
  return stats.levels.map((id) => ({ id, label: vocabulary.levels.find((l) => l.id === id)?.label ?? id, value: group.levels?.[id] ?? 0 }));
}

export function levelFigures(i18n: Translator, label: string, segments: StackSegment[]): string {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const parts = segments.map((s) => i18n.t('staff.chart.levelPart', { level: s.label, count: s.value, share: formatShare(i18n)(total ? s.value / total : 0) }));
  return `${label}: ${parts.join(', ')}`;
}

export function rangeLegend(i18n: Translator) {
  return { range: i18n.t('staff.chart.legendRange'), median: i18n.t('staff.chart.legendMedian'), mean: i18n.t('staff.chart.legendMean') };
}

export function KeyFigures({ stats, vocabulary }: Part) {
  const i18n = useI18n();
  const total = stats.total;
  const overall = total.overall;
  // Only called for a total that is shown; a suppressed one has no figures to put here.
  if (!overall) return null;
  const segments = levelSegments(stats, vocabulary, total);
  const top = segments.reduce((best, s) => (s.value > best.value ? s : best), segments[0]!);
  const n = total.n ?? 0;
  return (
    <section class="key-figures" aria-labelledby="key-figures-title">
      <h2 id="key-figures-title" class="visually-hidden">
        {i18n.t('staff.kpi.title')}
      </h2>
      <dl class="key-figures__list">
        <div class="key-figure key-figure--primary">
          <dt>{i18n.t('staff.kpi.count')}</dt>
          <dd>
            <span class="key-figure__value">{i18n.number(n)}</span>
            <span class="key-figure__note">{i18n.t('staff.kpi.countNote', { minimum: stats.minimumGroupSize })}</span>
          </dd>
        </div>
        <div class="key-figure">
          <dt>{i18n.t('staff.kpi.mean')}</dt>
          <dd>
            <span class="key-figure__value">
              {formatScore(i18n, overall.mean)}
              <span class="key-figure__unit">{i18n.t('staff.kpi.outOf')}</span>
            </span>
            <span class="key-figure__note">{i18n.t('staff.kpi.meanNote')}</span>
          </dd>
        </div>
        <div class="key-figure">
          <dt>{i18n.t('staff.kpi.median')}</dt>
          <dd>
            <span class="key-figure__value">{formatScore(i18n, overall.median)}</span>
            <span class="key-figure__note">{i18n.t('staff.kpi.quartiles', { q1: formatScore(i18n, overall.q1), q3: formatScore(i18n, overall.q3) })}</span>
          </dd>
        </div>
        <div class="key-figure">
          <dt>{i18n.t('staff.kpi.topLevel')}</dt>
          <dd>
            <span class="key-figure__value key-figure__value--text">{top?.label ?? '–'}</span>
            <span class="key-figure__note">{top ? i18n.t('staff.kpi.topLevelNote', { count: top.value, total: n, share: formatShare(i18n)(n ? top.value / n : 0) }) : ''}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function DistributionCard({ stats, vocabulary }: Part) {
  const i18n = useI18n();
  const rows: RangeRow[] = [
    rangeRow(i18n, 'overall', i18n.t('staff.overall'), stats.total.overall, true),
    ...stats.dimensions.map((id) => {
      const dimension = vocabulary.dimensions.find((d) => d.id === id);
      return rangeRow(i18n, id, dimension?.short ?? id, stats.total.dimensions?.[id]);
    }),
  ];
  return (
    <section class="card chart-card" aria-labelledby="distribution-title">
      <div class="chart-card__head">
        <h2 id="distribution-title" class="chart-card__title">
          {i18n.t('staff.distribution.title')}
        </h2>
        <p class="chart-card__hint">{i18n.t('staff.distribution.hint')}</p>
      </div>
      <RangeChart rows={rows} bands={vocabulary.levels} legend={rangeLegend(i18n)} />
      <details class="figures-table">
        <summary>{i18n.t('staff.distribution.asTable')}</summary>
        <div class="table-scroll" role="region" aria-labelledby="distribution-table-caption" tabIndex={0}>
          <table class="data-table">
            <caption id="distribution-table-caption">{i18n.t('staff.distribution.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('staff.table.area')}</th>
                <th scope="col" class="num">{i18n.t('staff.table.count')}</th>
                <th scope="col" class="num">{i18n.t('staff.table.mean')}</th>
                <th scope="col" class="num">{i18n.t('staff.table.median')}</th>
                <th scope="col" class="num">{i18n.t('staff.table.q1')}</th>
                <th scope="col" class="num">{i18n.t('staff.table.q3')}</th>
              </tr>
            </thead>
            <tbody>
              {[{ id: 'overall', label: i18n.t('staff.overall'), summary: stats.total.overall }, ...stats.dimensions.map((id) => ({ id, label: vocabulary.dimensions.find((d) => d.id === id)?.label ?? id, summary: stats.total.dimensions?.[id] ?? null }))].map(
                (row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.label}</th>
                    {row.summary ? (
                      <>
                        <td class="num">{i18n.number(row.summary.n)}</td>
                        <td class="num">{formatScore(i18n, row.summary.mean)}</td>
                        <td class="num">{formatScore(i18n, row.summary.median)}</td>
                        <td class="num">{formatScore(i18n, row.summary.q1)}</td>
                        <td class="num">{formatScore(i18n, row.summary.q3)}</td>
                      </>
                    ) : (
                      <td colSpan={5} class="suppressed-cell">
                        {i18n.t('staff.suppressed')}
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

export function LevelsCard({ stats, vocabulary }: Part) {
  const i18n = useI18n();
  const segments = levelSegments(stats, vocabulary, stats.total);
  const label = i18n.t('staff.levels.title');
  return (
    <section class="card chart-card" aria-labelledby="levels-title">
      <div class="chart-card__head">
        <h2 id="levels-title" class="chart-card__title">
          {label}
        </h2>
        <p class="chart-card__hint">{i18n.t('staff.levels.hint')}</p>
      </div>
      <div class="levels-bar">
        <StackedBar segments={segments} figures={levelFigures(i18n, label, segments)} formatShare={formatShare(i18n)} />
      </div>
      <StackLegend segments={segments} formatShare={formatShare(i18n)} />
    </section>
  );
}

/** Months from the first to the last with checks, gaps included, so the x axis is true to time. */
export function trendPoints(i18n: Translator, stats: DashboardStats, vocabulary: Vocabulary): TrendChartPoint[] {
  const byMonth = new Map(stats.trend.map((t) => [t.month, t]));
  const first = stats.trend[0]?.month;
  const last = stats.trend[stats.trend.length - 1]?.month;
  if (!first || !last) return [];
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  // A hand-edited period could span decades: the chart stops at ten years.
  while (months.length < 120) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months.map((key) => {
    const point = byMonth.get(key);
    const shown = point && !point.suppressed && point.mean !== null;
    return {
      key,
      label: vocabulary.month(key),
      value: shown ? point.mean : null,
      valueText: shown ? formatScore(i18n, point.mean!) : point ? i18n.t('staff.trend.suppressedShort') : i18n.t('staff.trend.none'),
      countText: shown ? i18n.plural('staff.trend.count', point.n ?? 0) : point ? i18n.t('staff.trend.fewShort') : i18n.t('staff.trend.noneShort'),
    };
  });
}

export function TrendCard({ stats, vocabulary }: Part) {
  const i18n = useI18n();
  const points = trendPoints(i18n, stats, vocabulary);
  const title = i18n.t('staff.trend.title');
  const description = points
    .map((p) => (p.value === null ? `${p.label}: ${p.valueText}` : i18n.t('staff.trend.describePoint', { month: p.label, mean: p.valueText, count: p.countText })))
    .join('; ');
  return (
    <section class="card chart-card" aria-labelledby="trend-title">
      <div class="chart-card__head">
        <h2 id="trend-title" class="chart-card__title">
          {title}
        </h2>
        <p class="chart-card__hint">{i18n.t('staff.trend.hint')}</p>
      </div>
      {points.length ? (
        <TrendChart id="trend-chart" points={points} title={title} description={description} />
      ) : (
        <p class="hint">{stats.total.n ? i18n.t('staff.trend.coarsened', { minimum: stats.minimumGroupSize }) : i18n.t('staff.trend.empty')}</p>
      )}
    </section>
  );
}
