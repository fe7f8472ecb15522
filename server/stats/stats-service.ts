/**
 * The chamber's view of submitted checks: distributions per dimension and
 * level counts, filtered and grouped, with every group of fewer than five
 * businesses suppressed (k-anonymity), from the pre-aggregated facts.
 */
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import type { FactFilters, FactGroup, FactRow, FactsRepository } from '../db/facts-repository.ts';
import type { DashboardStats, GroupStats, Summary } from '../../reports/export-tables.ts';
import { BUCKETS, addHistogram, meanOf, quantile } from './histogram.ts';

export type { DashboardStats, GroupStats, Summary };

export const MINIMUM_GROUP_SIZE = 5;

/** Sums of fact rows for one group: per figure id a count, a sum in tenths and a dense histogram in tenths. */
interface GroupSums {
  ids: string[];
  counts: Float64Array;
  totals: Float64Array;
  histograms: Uint32Array;
  levels: Record<string, number>;
}

const newSums = (ids: string[]): GroupSums => ({
  ids,
  counts: new Float64Array(ids.length),
  totals: new Float64Array(ids.length),
  histograms: new Uint32Array(ids.length * BUCKETS),
  levels: {},
});

function addRow(sums: GroupSums, row: FactRow): void {
  if (row.figureIds === sums.ids) {
    // The common case: same questionnaire version, same figure order — add whole arrays.
    for (let i = 0; i < sums.counts.length; i++) {
      sums.counts[i]! += row.counts[i]!;
      sums.totals[i]! += row.totals[i]!;
    }
    for (let i = 0; i < sums.counts.length; i++) addHistogram(sums.histograms, i * BUCKETS, row.histograms, i);
  } else {
    row.figureIds.forEach((id, j) => {
      let i = sums.ids.indexOf(id);
      if (i === -1) {
        const grown = newSums([...sums.ids, id]);
        grown.counts.set(sums.counts);
        grown.totals.set(sums.totals);
        grown.histograms.set(sums.histograms);
        Object.assign(sums, { ...grown, levels: sums.levels });
        i = sums.ids.length - 1;
      }
      sums.counts[i]! += row.counts[j]!;
      sums.totals[i]! += row.totals[j]!;
      addHistogram(sums.histograms, i * BUCKETS, row.histograms, j);
    });
  }
  for (const level in row.levels) sums.levels[level] = (sums.levels[level] ?? 0) + row.levels[level]!;
}

function summarize(sums: GroupSums, id: string): Summary | null {
  const i = sums.ids.indexOf(id);
  const n = i === -1 ? 0 : sums.counts[i]!;
  if (n === 0) return null;
  const histogram = sums.histograms.subarray(i * BUCKETS, (i + 1) * BUCKETS);
  return {
    n,
    mean: meanOf(sums.totals[i]!, n),
    median: quantile(histogram, n, 0.5),
    q1: quantile(histogram, n, 0.25),
    q3: quantile(histogram, n, 0.75),
  };
}

function groupStats(key: string, sums: GroupSums | undefined, dimensionIds: readonly string[]): GroupStats {
  const overall = sums && summarize(sums, '');
  if (!sums || !overall || overall.n < MINIMUM_GROUP_SIZE) return { key, n: null, suppressed: true, overall: null, dimensions: null, levels: null };
  const perDimension: Record<string, Summary> = {};
  for (const id of dimensionIds) {
    const summary = summarize(sums, id);
    // A dimension answered by fewer than five of the group is withheld on its own.
    if (summary && summary.n >= MINIMUM_GROUP_SIZE) perDimension[id] = summary;
  }
  return { key, n: overall.n, suppressed: false, overall, dimensions: perDimension, levels: sums.levels };
}

export function createStatsService({ facts, questionnaireFor }: { facts: FactsRepository; questionnaireFor: (id: string, version?: string) => PreparedQuestionnaire | undefined }) {
  return {
    dashboard(filters: FactFilters, groupBy: FactGroup | null): DashboardStats<FactGroup> | null {
      const prepared = questionnaireFor(filters.questionnaireId, filters.version);
      if (!prepared) return null;
      const dimensionIds = prepared.definition.dimensions.map((d) => d.id);
      // One pass over the matching facts feeds the total, the groups and the trend.
      let all: GroupSums | undefined;
      const grouped = new Map<string, GroupSums>();
      const byMonth = new Map<string, { n: number; total: number }>();
      for (const row of facts.query(filters, groupBy)) {
        addRow((all ??= newSums(row.figureIds)), row);
        if (groupBy) {
          let sums = grouped.get(row.group);
          if (!sums) grouped.set(row.group, (sums = newSums(row.figureIds)));
          addRow(sums, row);
        }
        const month = byMonth.get(row.month) ?? { n: 0, total: 0 };
        month.n += row.counts[0]!;
        month.total += row.totals[0]!;
        byMonth.set(row.month, month);
      }
      return {
        questionnaire: { id: prepared.definition.id, version: prepared.definition.version },
        groupBy,
        minimumGroupSize: MINIMUM_GROUP_SIZE,
        dimensions: dimensionIds,
        levels: prepared.levels.map((l) => l.id),
        total: groupStats('', all, dimensionIds),
        groups: [...grouped.keys()].sort().map((key) => groupStats(key, grouped.get(key), dimensionIds)),
        trend: [...byMonth.keys()].sort().map((month) => {
          const overall = byMonth.get(month)!;
          const shown = overall.n >= MINIMUM_GROUP_SIZE;
          return { month, n: shown ? overall.n : null, mean: shown ? meanOf(overall.total, overall.n) : null, suppressed: !shown };
        }),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
