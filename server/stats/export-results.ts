/**
 * results.csv, streamed: one row per submitted check in the anonymised
 * release (see release.ts) — each check under its released description, so
 * that the export and the dashboard are the same figures and no row can be
 * told apart from four others by what a view can select on. Read from one
 * snapshot (`SqlClient.snapshot`, a connection of its own): the release and
 * the rows come from the same moment, a million rows need no more memory than
 * ten (batches through a cursor), and autosaves are never blocked.
 */
import { Readable } from 'node:stream';
import { CSV_BOM, csvLine } from '../../reports/export-csv.ts';
import { type ExportVocabulary, resultsHeader } from '../../reports/export-tables.ts';
import { readFactCells } from '../db/fact-cells.ts';
import type { FactFilters } from '../db/facts-repository.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { type Release, releaseCells } from './release.ts';
import { type ResultsCsvRow, resultsCsvLines, resultsSql } from './results-csv-writer.ts';

/** Rows per batch from the cursor: large enough that the await per batch costs nothing, small enough to stay flat in memory. */
const BATCH_ROWS = 2000;

export async function exportResultsCsv(
  sql: SqlClient,
  filters: FactFilters,
  vocabulary: ExportVocabulary,
  onCloseError: (error: unknown) => void,
): Promise<{ stream: Readable; release: Release }> {
  const snapshot = await sql.snapshot();
  const close = () => snapshot.close().catch(onCloseError);
  try {
    // One snapshot for the release and the rows: a check submitted meanwhile cannot slip in undescribed.
    const release = releaseCells(await readFactCells(snapshot, filters.questionnaireId));
    const write = resultsCsvLines(vocabulary, release, filters);
    async function* lines(): AsyncGenerator<string | Buffer> {
      try {
        yield CSV_BOM + csvLine(resultsHeader(vocabulary));
        yield* write(snapshot.iterateRaw<ResultsCsvRow>(resultsSql(sql.dialect), [filters.questionnaireId], BATCH_ROWS));
      } finally {
        // Leaving the loop above (done, failed or cancelled) has stopped the cursor first.
        await close();
      }
    }
    // Readable.from pulls the next chunk only when the client has taken the last: backpressure for free.
    const stream = Readable.from(lines(), { objectMode: false });
    // A stream destroyed before its first read never runs the generator, so its `finally` cannot close the snapshot.
    stream.on('close', () => void close());
    return { stream, release };
  } catch (error) {
    await close();
    throw error;
  }
}
