/**
 * The dashboard's pre-aggregated facts (table result_facts): written in the
 * same transaction as each result, removed with it, rebuilt from `results`
 * when the table is new.
 */
import type Database from 'better-sqlite3';
import { addBlob, bucketOf, emptyHistogram, histogramToBlob } from '../stats/histogram.ts';

export interface FactKey {
  questionnaireId: string;
  version: string;
  channel: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  month: string;
}

/** One scored figure of a result: the overall index (`dimension: ''`) or a dimension. */
export interface FactScore {
  dimension: string;
  score: number;
  level: string;
}

export interface FactRow {
  group: string;
  dimension: string;
  n: number;
  total: number;
  histogram: Uint8Array;
  levels: Record<string, number>;
}

export const FACT_GROUPS = {
  trade: 'trade',
  employees: 'employees',
  region: 'region',
  channel: 'channel',
  version: 'questionnaire_version',
  month: 'month',
} as const;
export type FactGroup = keyof typeof FACT_GROUPS;

export interface FactFilters {
  questionnaireId: string;
  version?: string;
  channel?: string;
  trade?: string;
  employees?: string;
  region?: string;
  /** Inclusive months, `YYYY-MM`. */
  from?: string;
  to?: string;
}

type Row = { n: number; total: number; histogram: Buffer; levels: string };

export function createFactsRepository(db: Database.Database) {
  const select = db.prepare<unknown[], Row>(
    `SELECT n, total, histogram, levels FROM result_facts WHERE questionnaire_id = ? AND questionnaire_version = ? AND channel = ?
     AND trade = ? AND employees = ? AND region = ? AND month = ? AND dimension_id = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO result_facts (questionnaire_id, questionnaire_version, channel, trade, employees, region, month, dimension_id, n, total, histogram, levels)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = excluded.n, total = excluded.total, histogram = excluded.histogram, levels = excluded.levels`,
  );
  const remove = db.prepare(
    `DELETE FROM result_facts WHERE questionnaire_id = ? AND questionnaire_version = ? AND channel = ? AND trade = ? AND employees = ?
     AND region = ? AND month = ? AND dimension_id = ?`,
  );

  const keyValues = (k: FactKey, dimension: string) => [k.questionnaireId, k.version, k.channel, k.trade ?? '', k.employees ?? '', k.region ?? '', k.month, dimension];

  /** Adds (+1) or removes (−1) one result's scores. Call inside the result's transaction. */
  function apply(key: FactKey, scores: readonly FactScore[], sign: 1 | -1): void {
    for (const { dimension, score, level } of scores) {
      const values = keyValues(key, dimension);
      const current = select.get(...values);
      const histogram = emptyHistogram();
      if (current) addBlob(histogram, current.histogram);
      histogram[bucketOf(score)]! += sign;
      const levels = current ? (JSON.parse(current.levels) as Record<string, number>) : {};
      levels[level] = (levels[level] ?? 0) + sign;
      const n = (current?.n ?? 0) + sign;
      if (n <= 0) remove.run(...values);
      else upsert.run(...values, n, (current?.total ?? 0) + sign * score, histogramToBlob(histogram), JSON.stringify(levels));
    }
  }

  return {
    add: (key: FactKey, scores: readonly FactScore[]) => apply(key, scores, 1),
    remove: (key: FactKey, scores: readonly FactScore[]) => apply(key, scores, -1),

    /** Fact rows matching the filters, labelled with the value of the grouping column. */
    query(filters: FactFilters, groupBy: FactGroup | null): FactRow[] {
      const { where, params } = filterClause(filters, 'month');
      const group = groupBy ? FACT_GROUPS[groupBy] : "''";
      // Column names come from FACT_GROUPS only, never from the request.
      const rows = db
        .prepare<unknown[], { g: string; dimension_id: string; n: number; total: number; histogram: Buffer; levels: string }>(
          `SELECT ${group} AS g, dimension_id, n, total, histogram, levels FROM result_facts WHERE ${where}`,
        )
        .all(...params);
      return rows.map((r) => ({ group: r.g, dimension: r.dimension_id, n: r.n, total: r.total, histogram: r.histogram, levels: JSON.parse(r.levels) as Record<string, number> }));
    },

    isEmpty: () => db.prepare('SELECT NOT EXISTS (SELECT 1 FROM result_facts) AS empty').pluck().get() === 1,
  };
}

export type FactsRepository = ReturnType<typeof createFactsRepository>;

/** The facts of one stored result, from its narrow `results` row. */
export function factsOfResult(row: {
  questionnaire_id: string;
  questionnaire_version: string;
  channel: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  submitted_month: string;
  overall_score: number;
  overall_level: string;
  dimension_scores: string;
}): { key: FactKey; scores: FactScore[] } {
  const dimensions = JSON.parse(row.dimension_scores) as Record<string, [number, string, boolean?]>;
  return {
    key: {
      questionnaireId: row.questionnaire_id,
      version: row.questionnaire_version,
      channel: row.channel,
      trade: row.trade,
      employees: row.employees,
      region: row.region,
      month: row.submitted_month,
    },
    scores: [
      { dimension: '', score: row.overall_score, level: row.overall_level },
      ...Object.entries(dimensions)
        .filter(([, value]) => value[2] !== false)
        .map(([dimension, [score, level]]) => ({ dimension, score, level })),
    ],
  };
}

/** Fills an empty facts table from the stored results (after the table is created, or by an operator). */
export function rebuildFacts(db: Database.Database): number {
  const facts = createFactsRepository(db);
  const rows = db.prepare<[], Parameters<typeof factsOfResult>[0]>('SELECT * FROM results').all();
  db.transaction(() => {
    db.prepare('DELETE FROM result_facts').run();
    for (const row of rows) {
      const { key, scores } = factsOfResult(row);
      facts.add(key, scores);
    }
  })();
  return rows.length;
}

/** The SQL condition for the dashboard's filters, over `results` or `result_facts` (their columns share names). */
export function filterClause(filters: FactFilters, monthColumn: 'month' | 'submitted_month'): { where: string; params: string[] } {
  const where = ['questionnaire_id = ?'];
  const params: string[] = [filters.questionnaireId];
  const equal = (column: string, value: string | undefined, empty: boolean) => {
    if (value === undefined) return;
    // The facts store "not given" as ''; results store NULL.
    if (value === '' && !empty) where.push(`${column} IS NULL`);
    else {
      where.push(`${column} = ?`);
      params.push(value);
    }
  };
  const facts = monthColumn === 'month';
  equal('questionnaire_version', filters.version, facts);
  equal('channel', filters.channel, facts);
  equal('trade', filters.trade, facts);
  equal('employees', filters.employees, facts);
  equal('region', filters.region, facts);
  if (filters.from) {
    where.push(`${monthColumn} >= ?`);
    params.push(filters.from);
  }
  if (filters.to) {
    where.push(`${monthColumn} <= ?`);
    params.push(filters.to);
  }
  return { where: where.join(' AND '), params };
}
