/**
 * The size of every stored cell of a questionnaire (one `result_facts` row
 * each), with how many of its checks have a score per dimension: the input
 * of the anonymised release. Reads only counts, never the histograms, so the
 * dashboard and the export can afford it on every request.
 */
import type { CellSize } from '../stats/release.ts';
import type { FactsSource } from './facts-repository.ts';

interface CellRow {
  questionnaire_version: string;
  channel: string;
  trade: string;
  employees: string;
  region: string;
  month: string;
  n: number;
  figure_ids: string;
  /** float64 per figure: a Buffer from either engine (BLOB or bytea), read as bytes. */
  counts: Uint8Array;
}

export async function readFactCells(source: FactsSource, questionnaireId: string): Promise<CellSize[]> {
  const rows = await source.all<CellRow>(
    `SELECT questionnaire_version, channel, trade, employees, region, month, n, figure_ids, counts FROM result_facts WHERE questionnaire_id = ?`,
    [questionnaireId],
  );
  const idLists = new Map<string, string[]>();
  return rows.map((row) => {
    let ids = idLists.get(row.figure_ids);
    if (!ids) idLists.set(row.figure_ids, (ids = JSON.parse(row.figure_ids) as string[]));
    const blob = row.counts;
    const counts = new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer);
    const { questionnaire_version: version, channel, trade, employees, region, month, n } = row;
    return { version, channel, trade, employees, region, month, n, figures: { ids, counts } };
  });
}
