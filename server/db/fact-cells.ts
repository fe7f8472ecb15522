/**
 * The size of every stored cell of a questionnaire (one `result_facts` row
 * each), with how many of its checks have a score per dimension: the input
 * of the anonymised release. Reads only counts, never the histograms, so the
 * dashboard and the export can afford it on every request.
 */
import type Database from 'better-sqlite3';
import type { CellSize } from '../stats/release.ts';

export function readFactCells(db: Database.Database, questionnaireId: string): CellSize[] {
  const rows = db
    .prepare<[string], [string, string, string, string, string, string, number, string, Buffer]>(
      `SELECT questionnaire_version, channel, trade, employees, region, month, n, figure_ids, counts FROM result_facts WHERE questionnaire_id = ?`,
    )
    .raw()
    .all(questionnaireId);
  const idLists = new Map<string, string[]>();
  return rows.map(([version, channel, trade, employees, region, month, n, figureIds, countBlob]) => {
    let ids = idLists.get(figureIds);
    if (!ids) idLists.set(figureIds, (ids = JSON.parse(figureIds) as string[]));
    const counts = new Float64Array(countBlob.buffer.slice(countBlob.byteOffset, countBlob.byteOffset + countBlob.byteLength) as ArrayBuffer);
    return { version, channel, trade, employees, region, month, n, figures: { ids, counts } };
  });
}
