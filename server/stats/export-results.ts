/**
 * results.csv, streamed: one row per submitted check in the anonymised
 * release (see release.ts) — each check under its released description, so
 * that the export and the dashboard are the same figures and no row can be
 * told apart from four others by what a view can select on. Read through its
 * own read-only SQLite connection inside one read transaction: the release
 * and the rows come from the same snapshot, a million rows need no more
 * memory than ten, and autosaves are never blocked.
 */
import Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { CSV_BOM, csvLine } from '../../reports/export-csv.ts';
import { type ExportVocabulary, resultsHeader, resultsLineFormatter } from '../../reports/export-tables.ts';
import { readFactCells } from '../db/fact-cells.ts';
import type { FactFilters } from '../db/facts-repository.ts';
import { type Release, type ReleasedKey, inView, releaseCells } from './release.ts';

type RawRow = [string, string, string, string | null, string | null, string | null, string, number, string, string];

const ROWS_PER_CHUNK = 1000;

export function exportResultsCsv(databaseFile: string, filters: FactFilters, vocabulary: ExportVocabulary): { stream: Readable; release: Release } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    // One snapshot for the release and the rows: a check submitted meanwhile cannot slip in undescribed.
    db.prepare('BEGIN').run();
    const release = releaseCells(readFactCells(db, filters.questionnaireId));
    const rows = db
      .prepare<[string], RawRow>(
        `SELECT questionnaire_id, questionnaire_version, channel, trade, employees, region, submitted_month, overall_score, overall_level,
                dimension_scores
         FROM results WHERE questionnaire_id = ? ORDER BY assessment_row_id`,
      )
      .raw()
      .iterate(filters.questionnaireId) as IterableIterator<RawRow>;

    const close = () => {
      rows.return?.();
      if (db.open) {
        if (db.inTransaction) db.prepare('COMMIT').run();
        db.close();
      }
    };
    function* lines(): Generator<string | Buffer> {
      try {
        yield CSV_BOM + csvLine(resultsHeader(vocabulary));
        const format = resultsLineFormatter(vocabulary);
        const selected = new Map<ReleasedKey, boolean>();
        const inThisView = (key: ReleasedKey) => {
          let yes = selected.get(key);
          if (yes === undefined) selected.set(key, (yes = inView(key, filters)));
          return yes;
        };
        let chunk: string[] = [];
        for (const r of rows) {
          const key = release.of({ version: r[1], channel: r[2], trade: r[3] ?? '', employees: r[4] ?? '', region: r[5] ?? '', month: r[6] });
          if (!key || !inThisView(key)) continue;
          const scores = JSON.parse(r[9]) as Record<string, [number, string, boolean?]>;
          const hidden = release.hidden(key);
          if (hidden.size) for (const id of hidden) if (scores[id]) scores[id]![2] = false;
          chunk.push(format({
            period: key.period, questionnaireId: r[0], version: key.version, channel: key.channel, trade: key.trade, employees: key.employees, region: key.region,
            overallScore: r[7], overallLevel: r[8], dimensionScores: scores,
          }));
          if (chunk.length === ROWS_PER_CHUNK) {
            yield Buffer.from(chunk.join(''));
            chunk = [];
          }
        }
        if (chunk.length) yield Buffer.from(chunk.join(''));
      } finally {
        close();
      }
    }
    // Readable.from pulls the next chunk only when the client has taken the last: backpressure for free.
    const stream = Readable.from(lines(), { objectMode: false });
    stream.on('close', close);
    return { stream, release };
  } catch (error) {
    db.close();
    throw error;
  }
}
