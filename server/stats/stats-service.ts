/**
 * The chamber's view of submitted checks: distributions per dimension and
 * level counts, filtered and grouped, with every group of fewer than five
 * businesses suppressed (k-anonymity), from the pre-aggregated facts.
 */
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import type { FactFilters, FactGroup, FactRow, FactsRepository } from '../db/facts-repository.ts';
import type { DashboardStats, GroupStats, Summary } from '../../reports/export-tables.ts';
import { addBlob, emptyHistogram, quantile } from './histogram.ts';

export type { DashboardStats, GroupStats, Summary };

export const MINIMUM_GROUP_SIZE = 5;

interface Accumulator {
  n: number;
  total: number;
  histogram: Uint32Array;
  levels: Record<string, number>;
}

function accumulate(rows: readonly FactRow[]): Map<string, Map<string, Accumulator>> {
  const groups = new Map<string, Map<string, Accumulator>>();
  for (const row of rows) {
    let dimensions = groups.get(row.group);
    if (!dimensions) groups.set(row.group, (dimensions = new Map()));
    let acc = dimensions.get(row.dimension);
    if (!acc) dimensions.set(row.dimension, (acc = { n: 0, total: 0, histogram: emptyHistogram(), levels: {} }));
    acc.n += row.n;
    acc.total += row.total;
    addBlob(acc.histogram, row.histogram);
    for (const [level, count] of Object.entries(row.levels)) acc.levels[level] = (acc.levels[level] ?? 0) + count;
  }
  return groups;
}

const summarize = (acc: Accumulator): Summary => ({
  n: acc.n,
  mean: Math.round((acc.total / acc.n) * 10) / 10,
  median: quantile(acc.histogram, acc.n, 0.5),
  q1: quantile(acc.histogram, acc.n, 0.25),
  q3: quantile(acc.histogram, acc.n, 0.75),
});

function groupStats(key: string, dimensions: Map<string, Accumulator> | undefined, dimensionIds: readonly string[]): GroupStats {
  const overall = dimensions?.get('');
  if (!overall || overall.n < MINIMUM_GROUP_SIZE) return { key, n: null, suppressed: true, overall: null, dimensions: null, levels: null };
  const perDimension: Record<string, Summary> = {};
  for (const id of dimensionIds) {
    const acc = dimensions!.get(id);
    // A dimension answered by fewer than five of the group is withheld on its own.
    if (acc && acc.n >= MINIMUM_GROUP_SIZE) perDimension[id] = summarize(acc);
  }
  return { key, n: overall.n, suppressed: false, overall: summarize(overall), dimensions: perDimension, levels: overall.levels };
}

export function createStatsService({ facts, questionnaireFor }: { facts: FactsRepository; questionnaireFor: (id: string, version?: string) => PreparedQuestionnaire | undefined }) {
  return {
    dashboard(filters: FactFilters, groupBy: FactGroup | null): DashboardStats<FactGroup> | null {
      const prepared = questionnaireFor(filters.questionnaireId, filters.version);
      if (!prepared) return null;
      const dimensionIds = prepared.definition.dimensions.map((d) => d.id);
      const all = accumulate(facts.query(filters, null)).get('');
      const grouped = groupBy ? accumulate(facts.query(filters, groupBy)) : new Map<string, Map<string, Accumulator>>();
      const byMonth = accumulate(facts.query(filters, 'month'));
      return {
        questionnaire: { id: prepared.definition.id, version: prepared.definition.version },
        groupBy,
        minimumGroupSize: MINIMUM_GROUP_SIZE,
        dimensions: dimensionIds,
        levels: prepared.levels.map((l) => l.id),
        total: groupStats('', all, dimensionIds),
        groups: [...grouped.keys()].sort().map((key) => groupStats(key, grouped.get(key), dimensionIds)),
        trend: [...byMonth.keys()].sort().map((month) => {
          const overall = byMonth.get(month)!.get('');
          const shown = overall !== undefined && overall.n >= MINIMUM_GROUP_SIZE;
          return { month, n: shown ? overall.n : null, mean: shown ? Math.round((overall.total / overall.n) * 10) / 10 : null, suppressed: !shown };
        }),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
