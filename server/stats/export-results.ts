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
import { type ExportVocabulary, resultsHeader } from '../../reports/export-tables.ts';
import { readFactCells } from '../db/fact-cells.ts';
import type { FactFilters } from '../db/facts-repository.ts';
import { type Release, releaseCells } from './release.ts';
import { RESULTS_SQL, type ResultsCsvRow, resultsCsvLines } from './results-csv-writer.ts';

export function exportResultsCsv(databaseFile: string, filters: FactFilters, vocabulary: ExportVocabulary): { stream: Readable; release: Release } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    // One snapshot for the release and the rows: a check submitted meanwhile cannot slip in undescribed.
    db.prepare('BEGIN').run();
    const release = releaseCells(readFactCells(db, filters.questionnaireId));
    const rows = db.prepare<[string], ResultsCsvRow>(RESULTS_SQL).raw().iterate(filters.questionnaireId) as IterableIterator<ResultsCsvRow>;

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
        yield* resultsCsvLines(vocabulary, release, filters)(rows);
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
