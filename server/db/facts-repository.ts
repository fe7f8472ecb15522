/**
 * The dashboard's pre-aggregated facts (table result_facts): written in the
 * same transaction as each result, removed with it, rebuilt from `results`
 * when the table is new. One row holds every figure of a filter combination
 * and month, so the dashboard reads one row where it would read nine.
 */
import type { SqlClient, SqlParam, SqlQueries } from './sql-client.ts';
import { BUCKETS, bucketOf, decodeHistograms, encodeHistograms, tenthsOf } from '../stats/histogram.ts';
import type { CellKey, ReleaseFilters } from '../stats/release.ts';

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

/** A decoded facts row: the cell it describes and per figure a count, a sum and a histogram. */
export interface FactRow {
  key: CellKey;
  figureIds: string[];
  counts: Float64Array;
  /** Per figure the sum of its scores in whole tenths of a point (exact; see histogram.ts `meanOf`). */
  totals: Float64Array;
  /** Per figure its scores in tenths, sparsely encoded (histogram.ts: `addHistogram`, `clearHistogram`). */
  histograms: Uint32Array;
  levels: Record<string, number>;
}


/** The dashboard's filters: the questionnaire, then what the anonymised release can select on. */
export interface FactFilters extends ReleaseFilters {
  questionnaireId: string;
}

/** A facts row as `createFactsReader` selects it; the BLOBs are Buffers on both engines (bytea too). */
interface ReadRow {
  questionnaire_version: string;
  channel: string;
  trade: string;
  employees: string;
  region: string;
  month: string;
  figure_ids: string;
  counts: Uint8Array;
  totals: Uint8Array;
  histograms: Uint8Array;
  levels: string;
}

/**
 * A typed view of a BLOB. better-sqlite3 gives each BLOB its own buffer, so it is
 * normally aligned and read in place; an unaligned one (a bytea that node-postgres
 * cut from a shared pool) is copied — a typed array cannot start mid-element, and
 * the dashboard reads thousands of rows a request.
 */
function typed<T extends Float64Array | Uint32Array>(blob: Uint8Array, Kind: { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): T; BYTES_PER_ELEMENT: number }): T {
  if (blob.byteOffset % Kind.BYTES_PER_ELEMENT === 0) return new Kind(blob.buffer as ArrayBuffer, blob.byteOffset, blob.byteLength / Kind.BYTES_PER_ELEMENT);
  return new Kind(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer);
}

const bytes = (array: Float64Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** Parsed figure-id lists, shared: nearly every row of a questionnaire version has the same one. */
function createIdCache() {
  const cache = new Map<string, string[]>();
  return (json: string) => {
    let ids = cache.get(json);
    if (!ids) cache.set(json, (ids = JSON.parse(json) as string[]));
    return ids;
  };
}

/** A fact row being changed: totals in tenths, histograms dense (`BUCKETS` per figure). */
interface Figures {
  ids: string[];
  counts: Float64Array;
  totals: Float64Array;
  histograms: Uint32Array;
  levels: Record<string, number>;
}

const emptyFigures = (ids: string[]): Figures => ({
  ids,
  counts: new Float64Array(ids.length),
  totals: new Float64Array(ids.length),
  histograms: new Uint32Array(ids.length * BUCKETS),
  levels: {},
});

/** Adds (+1) or removes (−1) one result's scores; a figure the row lacks is appended. */
function applyScores(figures: Figures, scores: readonly FactScore[], sign: 1 | -1): Figures {
  let target = figures;
  const missing = scores.filter((s) => !target.ids.includes(s.dimension)).map((s) => s.dimension);
  if (missing.length) {
    const grown = emptyFigures([...figures.ids, ...missing]);
    grown.counts.set(figures.counts);
    grown.totals.set(figures.totals);
    grown.histograms.set(figures.histograms);
    grown.levels = figures.levels;
    target = grown;
  }
  for (const { dimension, score, level } of scores) {
    const i = target.ids.indexOf(dimension);
    const bucket = i * BUCKETS + bucketOf(score);
    if (sign < 0 && target.histograms[bucket] === 0) throw new Error(`result_facts lacks a score being removed (${dimension || 'overall'} ${score})`);
    target.counts[i]! += sign;
    target.totals[i]! += sign * tenthsOf(score);
    target.histograms[bucket]! += sign;
    if (dimension === '') target.levels[level] = (target.levels[level] ?? 0) + sign;
  }
  return target;
}

/** Adds (+1) or removes (−1) one result's scores, in the caller's transaction (the submit or the erasure). */
async function applyFacts(tx: SqlQueries, key: FactKey, scores: readonly FactScore[], sign: 1 | -1): Promise<void> {
  const values = keyValues(key);
  // PostgreSQL runs submits side by side (READ COMMITTED): two in one cell would read the same row and one +1 would
  // be lost. A lock on the cell for the rest of the transaction makes them take turns; SQLite has one writer anyway.
  if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [`result_facts\u001f${values.join('\u001f')}`]);
  const stored = await tx.get<{ figure_ids: string; counts: Buffer; totals: Buffer; histograms: Buffer; levels: string }>(
    `SELECT figure_ids, counts, totals, histograms, levels FROM result_facts WHERE questionnaire_id = ? AND questionnaire_version = ?
     AND channel = ? AND trade = ? AND employees = ? AND region = ? AND month = ?`,
    values,
  );
  const current = stored
    ? {
        ids: JSON.parse(stored.figure_ids) as string[],
        counts: typed(stored.counts, Float64Array),
        totals: typed(stored.totals, Float64Array),
        histograms: decodeHistograms(typed(stored.histograms, Uint32Array)),
        levels: JSON.parse(stored.levels) as Record<string, number>,
      }
    : emptyFigures(['', ...scores.filter((s) => s.dimension !== '').map((s) => s.dimension)]);
  const next = applyScores(current, scores, sign);
  if (next.counts[0]! <= 0) {
    await tx.run(
      `DELETE FROM result_facts WHERE questionnaire_id = ? AND questionnaire_version = ? AND channel = ? AND trade = ? AND employees = ?
       AND region = ? AND month = ?`,
      values,
    );
  } else {
    await tx.run(
      `INSERT INTO result_facts (questionnaire_id, questionnaire_version, channel, trade, employees, region, month, n, figure_ids, counts, totals, histograms, levels)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (questionnaire_id, questionnaire_version, channel, trade, employees, region, month) DO UPDATE SET n = excluded.n,
         figure_ids = excluded.figure_ids, counts = excluded.counts, totals = excluded.totals, histograms = excluded.histograms, levels = excluded.levels`,
      [...values, ...encode(next)],
    );
  }
}

export const addFacts = (tx: SqlQueries, key: FactKey, scores: readonly FactScore[]) => applyFacts(tx, key, scores, 1);
export const removeFacts = (tx: SqlQueries, key: FactKey, scores: readonly FactScore[]) => applyFacts(tx, key, scores, -1);

/** What the dashboard reads from: the client, or a snapshot (which has `all` too). */
export type FactsSource = Pick<SqlQueries, 'all'>;

export function createFactsReader(source: FactsSource) {
  const ids = createIdCache();
  return {
    /**
     * Every decoded fact row of a questionnaire: the anonymised release needs
     * the size of every cell before it knows which ones a view may show.
     */
    async query(questionnaireId: string): Promise<FactRow[]> {
      const rows = await source.all<ReadRow>(
        `SELECT questionnaire_version, channel, trade, employees, region, month, figure_ids, counts, totals, histograms, levels
         FROM result_facts WHERE questionnaire_id = ?`,
        [questionnaireId],
      );
      return rows.map((row) => ({
        key: { version: row.questionnaire_version, channel: row.channel, trade: row.trade, employees: row.employees, region: row.region, month: row.month },
        figureIds: ids(row.figure_ids),
        counts: typed(row.counts, Float64Array),
        totals: typed(row.totals, Float64Array),
        histograms: typed(row.histograms, Uint32Array),
        levels: JSON.parse(row.levels) as Record<string, number>,
      }));
    },

    isEmpty: async () => (await source.all('SELECT 1 AS found FROM result_facts LIMIT 1')).length === 0,
  };
}

export type FactsReader = ReturnType<typeof createFactsReader>;

const keyValues = (k: FactKey): string[] => [k.questionnaireId, k.version, k.channel, k.trade ?? '', k.employees ?? '', k.region ?? '', k.month];

/** The stored columns from `n` on. */
const encode = (f: Figures): SqlParam[] => [f.counts[0]!, JSON.stringify(f.ids), bytes(f.counts), bytes(f.totals), bytes(encodeHistograms(f.histograms, f.ids.length)), JSON.stringify(f.levels)];

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

/**
 * One fact row while rebuilding: the scores of each figure as uint16 tenths,
 * two bytes a score. Dense histograms would take 4 KB per figure and row —
 * 200 MB for the thousands of rows a million results fill.
 */
class Tally {
  readonly ids: string[] = [''];
  readonly tenths: Uint16Array[] = [new Uint16Array(8)];
  readonly lengths: number[] = [0];
  readonly levels: Record<string, number> = {};

  constructor(readonly key: FactKey) {}

  add(scores: readonly FactScore[]): void {
    for (const { dimension, score, level } of scores) {
      let i = this.ids.indexOf(dimension);
      if (i === -1) {
        i = this.ids.push(dimension) - 1;
        this.tenths.push(new Uint16Array(8));
        this.lengths.push(0);
      }
      if (this.lengths[i] === this.tenths[i]!.length) {
        const grown = new Uint16Array(this.tenths[i]!.length * 2);
        grown.set(this.tenths[i]!);
        this.tenths[i] = grown;
      }
      this.tenths[i]![this.lengths[i]!++] = bucketOf(score);
      if (dimension === '') this.levels[level] = (this.levels[level] ?? 0) + 1;
    }
  }

  figures(): Figures {
    const figures = emptyFigures(this.ids);
    figures.levels = this.levels;
    this.ids.forEach((_, i) => {
      figures.counts[i] = this.lengths[i]!;
      for (let k = 0; k < this.lengths[i]!; k++) {
        const tenths = this.tenths[i]![k]!;
        figures.totals[i]! += tenths;
        figures.histograms[i * BUCKETS + tenths]!++;
      }
    });
    return figures;
  }
}

/** What a rebuild reads of each result: `factsOfResult`'s input, and the key to page on. */
type RebuildRow = Parameters<typeof factsOfResult>[0] & { assessment_row_id: number };
const REBUILD_PAGE = 5000;

/**
 * Fills the facts table from the stored results (after the table is created,
 * or by an operator): one pass over `results` accumulating in memory by key,
 * then one write per fact row — all in one transaction, read page by page so
 * a million results never sit in memory at once.
 */
export async function rebuildFacts(sql: SqlClient): Promise<number> {
  return sql.transaction(async (tx) => {
    // PostgreSQL: a submit on another instance must neither add its facts to the rows about to be replaced nor read
    // them before they are rewritten; it waits, then adds to the rebuilt ones. SQLite's BEGIN IMMEDIATE already has the file.
    if (tx.dialect === 'postgres') await tx.run('LOCK TABLE result_facts IN ACCESS EXCLUSIVE MODE');
    const rows = new Map<string, Tally>();
    let count = 0;
    for (let after = -1; ; ) {
      const page = await tx.all<RebuildRow>(
        `SELECT assessment_row_id, questionnaire_id, questionnaire_version, channel, trade, employees, region, submitted_month, overall_score,
           overall_level, dimension_scores
         FROM results WHERE assessment_row_id > ? ORDER BY assessment_row_id LIMIT ${REBUILD_PAGE}`,
        [after],
      );
      for (const row of page) {
        count++;
        const { key, scores } = factsOfResult(row);
        const id = keyValues(key).join('\u0000');
        let tally = rows.get(id);
        if (!tally) rows.set(id, (tally = new Tally(key)));
        tally.add(scores);
      }
      if (page.length < REBUILD_PAGE) break;
      after = page.at(-1)!.assessment_row_id;
    }
    await tx.run('DELETE FROM result_facts');
    for (const tally of rows.values()) {
      await tx.run(
        `INSERT INTO result_facts (questionnaire_id, questionnaire_version, channel, trade, employees, region, month, n, figure_ids, counts, totals, histograms, levels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...keyValues(tally.key), ...encode(tally.figures())],
      );
    }
    return count;
  });
}
