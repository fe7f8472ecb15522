/**
 * The chamber's view of submitted checks: distributions per dimension and
 * level counts, filtered and grouped, from the pre-aggregated facts — always
 * over the anonymised release (release.ts): every check under a description
 * it shares with at least four others, so groups never hold one to four
 * checks and no difference of views singles anyone out.
 */
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import type { DemandReader } from '../db/demand-repository.ts';
import type { FactFilters, FactRow, FactsReader } from '../db/facts-repository.ts';
import type { DashboardStats, GroupStats, Summary } from '../../reports/export-tables.ts';
import { BUCKETS, addHistogram, clearHistogram, meanOf, quantile } from './histogram.ts';
import { MINIMUM_GROUP_SIZE, type ReleaseGroup, type ReleasedKey, groupOf, inView, isMonth, releaseCells } from './release.ts';

export type { DashboardStats, GroupStats, Summary };
export { MINIMUM_GROUP_SIZE };

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

/** Adds only a row's overall index (figure '' comes first in every fact row): all the trend needs. */
function addOverall(sums: GroupSums, row: FactRow): void {
  sums.counts[0]! += row.counts[0]!;
  sums.totals[0]! += row.totals[0]!;
  addHistogram(sums.histograms, 0, row.histograms, 0);
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
  // Every group of the release holds none or at least five checks; the check stays as a second line of defence.
  if (!sums || !overall || overall.n < MINIMUM_GROUP_SIZE) return { key, n: null, suppressed: true, overall: null, dimensions: null, levels: null };
  const perDimension: Record<string, Summary> = {};
  for (const id of dimensionIds) {
    const summary = summarize(sums, id);
    if (summary && summary.n >= MINIMUM_GROUP_SIZE) perDimension[id] = summary;
  }
  return { key, n: overall.n, suppressed: false, overall, dimensions: perDimension, levels: sums.levels };
}

/** A copy of a fact row without some figures (their counts, sums and histograms zeroed). */
function withoutFigures(row: FactRow, hidden: readonly string[]): FactRow {
  const counts = row.counts.slice();
  const totals = row.totals.slice();
  const histograms = row.histograms.slice();
  for (const id of hidden) {
    const i = row.figureIds.indexOf(id);
    counts[i] = 0;
    totals[i] = 0;
    clearHistogram(histograms, i);
  }
  return { ...row, counts, totals, histograms };
}

/** Demand against offer: per topic, the businesses asking for it and the workshops on it soon. */
export interface DemandView {
  /** Businesses in the view (a union of released classes of five or more); null when there are none. */
  businesses: number | null;
  minimumGroupSize: number;
  upcomingDays: number;
  topics: { topic: string; businesses: number; upcomingWorkshops: number; flagged: boolean }[];
}

/** Where the figures come from: the facts, and a snapshot for the view that reads facts and checks together. */
export interface StatsSource {
  facts: FactsReader;
  /** The facts and the checks' demand as of one moment, so the release and the rows counted under it agree. Close it. */
  snapshot(): Promise<{ facts: FactsReader; demand: DemandReader; close(): Promise<void> }>;
}

export function createStatsService({
  source,
  questionnaireFor,
}: {
  source: StatsSource;
  questionnaireFor: (id: string, version?: string) => PreparedQuestionnaire | undefined;
}) {
  return {
    /**
     * How many businesses in the view have each topic among their fields of
     * action, beside the workshops on it starting soon. The businesses are
     * selected by their released description, exactly as for every other
     * figure, so no difference of two demand views isolates fewer than five.
     */
    async demand(filters: FactFilters, upcoming: ReadonlyMap<string, number>, upcomingDays: number): Promise<DemandView> {
      const selected = new Map<ReleasedKey, boolean>();
      const counts = new Map<string, number>();
      let businesses = 0;
      const snapshot = await source.snapshot();
      try {
        const rows = await snapshot.facts.query(filters.questionnaireId);
        const release = releaseCells(rows.map((row) => ({ ...row.key, n: row.counts[0]!, figures: { ids: row.figureIds, counts: row.counts } })));
        for await (const batch of snapshot.demand.byCell(filters.questionnaireId)) {
          for (const { cell, topics } of batch) {
            const key = release.of(cell);
            if (!key) continue;
            let yes = selected.get(key);
            if (yes === undefined) selected.set(key, (yes = inView(key, filters)));
            if (!yes) continue;
            businesses++;
            for (const topic of topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
          }
        }
      } finally {
        await snapshot.close();
      }
      const shown = businesses >= MINIMUM_GROUP_SIZE;
      const topics = new Set([...(shown ? counts.keys() : []), ...upcoming.keys()]);
      return {
        businesses: shown ? businesses : null,
        minimumGroupSize: MINIMUM_GROUP_SIZE,
        upcomingDays,
        topics: [...topics]
          .map((topic) => {
            const asked = shown ? (counts.get(topic) ?? 0) : 0;
            const offered = upcoming.get(topic) ?? 0;
            return { topic, businesses: asked, upcomingWorkshops: offered, flagged: asked > 0 && offered === 0 };
          })
          .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.businesses - a.businesses || a.topic.localeCompare(b.topic)),
      };
    },

    async dashboard(filters: FactFilters, groupBy: ReleaseGroup | null): Promise<DashboardStats<ReleaseGroup> | null> {
      const prepared = questionnaireFor(filters.questionnaireId, filters.version);
      if (!prepared) return null;
      const dimensionIds = prepared.definition.dimensions.map((d) => d.id);
      const rows = await source.facts.query(filters.questionnaireId);
      const release = releaseCells(rows.map((row) => ({ ...row.key, n: row.counts[0]!, figures: { ids: row.figureIds, counts: row.counts } })));
      // One pass over the rows in the view feeds the total, the groups and the trend.
      let all: GroupSums | undefined;
      const grouped = new Map<string, GroupSums>();
      const byMonth = new Map<string, GroupSums>();
      // What a class means for this view, worked out once per class rather than once per row.
      const classes = new Map<ReleasedKey, { group: string | null; hidden: ReadonlySet<string> } | null>();
      const viewOf = (key: ReleasedKey) => {
        let view = classes.get(key);
        if (view === undefined) {
          // A dimension that fewer than five of the class have a score in stays out of every figure.
          view = inView(key, filters) ? { group: groupBy ? groupOf(key, groupBy) : null, hidden: release.hidden(key) } : null;
          classes.set(key, view);
        }
        return view;
      };
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index]!;
        const key = release.keys[index];
        const view = key && viewOf(key);
        if (!key || !view) continue;
        const hidden = view.hidden.size ? row.figureIds.filter((id, i) => view.hidden.has(id) && row.counts[i]! > 0) : [];
        const shown = hidden.length ? withoutFigures(row, hidden) : row;
        addRow((all ??= newSums(shown.figureIds)), shown);
        if (view.group !== null) {
          let sums = grouped.get(view.group);
          if (!sums) grouped.set(view.group, (sums = newSums(shown.figureIds)));
          addRow(sums, shown);
        }
        // The trend holds the checks released with their month; coarser periods have no point on it.
        if (isMonth(key.period)) {
          let sums = byMonth.get(key.period);
          if (!sums) byMonth.set(key.period, (sums = newSums([''])));
          addOverall(sums, shown);
        }
      }
      return {
        questionnaire: { id: prepared.definition.id, version: prepared.definition.version },
        groupBy,
        minimumGroupSize: MINIMUM_GROUP_SIZE,
        release: release.counts,
        dimensions: dimensionIds,
        levels: prepared.levels.map((l) => l.id),
        total: groupStats('', all, dimensionIds),
        groups: [...grouped.keys()].sort().map((key) => groupStats(key, grouped.get(key), dimensionIds)),
        trend: [...byMonth.keys()].sort().map((month) => {
          const overall = summarize(byMonth.get(month)!, '');
          return overall && overall.n >= MINIMUM_GROUP_SIZE
            ? { month, ...overall, suppressed: false }
            : { month, n: null, mean: null, median: null, q1: null, q3: null, suppressed: true };
        }),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
