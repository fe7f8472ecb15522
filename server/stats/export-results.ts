/**
 * results.csv, streamed: one row per submitted check, read through its own
 * read-only SQLite connection (WAL lets it read while the app writes), so a
 * million rows need no more memory than ten and never block autosaves.
 * Rows whose trade, size and region together describe fewer than five
 * businesses are left out (k-anonymity); their number is reported.
 */
import Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { CSV_BOM, csvLine } from '../../reports/export-csv.ts';
import { type ExportVocabulary, resultsHeader, resultsLineFormatter } from '../../reports/export-tables.ts';
import { type FactFilters, filterClause } from '../db/facts-repository.ts';
import { MINIMUM_GROUP_SIZE } from './stats-service.ts';

type RawRow = [string, string, string, string, string | null, string | null, string | null, number, string, string, string | null, string | null];

const ROWS_PER_CHUNK = 1000;

export function exportResultsCsv(databaseFile: string, filters: FactFilters, vocabulary: ExportVocabulary): { stream: Readable; suppressedRows: number } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const { where, params } = filterClause(filters, 'submitted_month');
    const groups = db
      .prepare<unknown[], { trade: string | null; employees: string | null; region: string | null; n: number }>(
        `SELECT trade, employees, region, count(*) AS n FROM results WHERE ${where} GROUP BY trade, employees, region`,
      )
      .all(...params);
    const key = (trade: string | null, employees: string | null, region: string | null) => `${trade}\u0000${employees}\u0000${region}`;
    const small = new Set(groups.filter((g) => g.n < MINIMUM_GROUP_SIZE).map((g) => key(g.trade, g.employees, g.region)));
    const suppressedRows = groups.filter((g) => g.n < MINIMUM_GROUP_SIZE).reduce((sum, g) => sum + g.n, 0);
    const rows = db
      .prepare<unknown[], RawRow>(
        `SELECT submitted_at, questionnaire_id, questionnaire_version, channel, trade, employees, region, overall_score, overall_level,
                dimension_scores, contact_company, contact_email
         FROM results WHERE ${where} ORDER BY assessment_row_id`,
      )
      .raw()
      .iterate(...params) as IterableIterator<RawRow>;

    function* lines(): Generator<string | Buffer> {
      try {
        yield CSV_BOM + csvLine(resultsHeader(vocabulary));
        const format = resultsLineFormatter(vocabulary);
        let chunk: string[] = [];
        for (const r of rows) {
          if (small.size && small.has(key(r[4], r[5], r[6]))) continue;
          chunk.push(format({
            submittedAt: r[0], questionnaireId: r[1], version: r[2], channel: r[3], trade: r[4], employees: r[5], region: r[6],
            overallScore: r[7], overallLevel: r[8], dimensionScores: JSON.parse(r[9]) as Record<string, [number, string, boolean?]>, company: r[10], email: r[11],
          }));
          if (chunk.length === ROWS_PER_CHUNK) {
            yield Buffer.from(chunk.join(''));
            chunk = [];
          }
        }
        if (chunk.length) yield Buffer.from(chunk.join(''));
      } finally {
        rows.return?.();
        db.close();
      }
    }
    // Readable.from pulls the next chunk only when the client has taken the last: backpressure for free.
    const stream = Readable.from(lines(), { objectMode: false });
    stream.on('close', () => {
      if (db.open) {
        rows.return?.();
        db.close();
      }
    });
    return { stream, suppressedRows };
  } catch (error) {
    db.close();
    throw error;
  }
}
