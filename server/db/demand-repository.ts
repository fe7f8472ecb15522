/**
 * The topics each submitted check asks for (its fields of action), by the
 * cell the anonymised release describes it with — the demand view counts
 * them over the same released classes as every other staff figure.
 */
import { type PreparedQuestionnaire, type ScoredResult, demandTopics } from '../../questionnaires/engine/index.ts';
import type { CellKey } from '../stats/release.ts';
import type { SnapshotReader, SqlClient } from './sql-client.ts';

type CellTopicsRow = [version: string, channel: string, trade: string, employees: string, region: string, month: string, topics: string];

/** Reads from a snapshot: one row per submitted check, so it streams (a million checks in constant memory). */
export function createDemandReader(snapshot: Pick<SnapshotReader, 'iterateRaw'>) {
  return {
    /** Each check's cell and demanded topics, a batch at a time. */
    async *byCell(questionnaireId: string): AsyncGenerator<{ cell: CellKey; topics: string[] }[]> {
      const batches = snapshot.iterateRaw<CellTopicsRow>(
        `SELECT r.questionnaire_version, r.channel, coalesce(r.trade, ''), coalesce(r.employees, ''), coalesce(r.region, ''), r.submitted_month, d.topics
         FROM results r JOIN result_demand d USING (assessment_row_id) WHERE r.questionnaire_id = ?`,
        [questionnaireId],
      );
      for await (const batch of batches) {
        yield batch.map(([version, channel, trade, employees, region, month, topics]) => ({
          cell: { version, channel, trade, employees, region, month },
          topics: JSON.parse(topics) as string[],
        }));
      }
    },
  };
}

export type DemandReader = ReturnType<typeof createDemandReader>;

/**
 * Results stored before the demand view existed get their topics from their
 * stored result. Answers how many it filled in; another instance filling the
 * same ones at the same time is no error.
 */
export async function backfillDemand(sql: SqlClient, questionnaireFor: (id: string, version: string) => PreparedQuestionnaire | undefined): Promise<number> {
  return sql.transaction(async (tx) => {
    const missing = await tx.all<{ row_id: number; questionnaire_id: string; questionnaire_version: string; result: string }>(
      `SELECT r.assessment_row_id AS row_id, r.questionnaire_id, r.questionnaire_version, d.result
       FROM results r JOIN result_documents d USING (assessment_row_id)
       WHERE NOT EXISTS (SELECT 1 FROM result_demand x WHERE x.assessment_row_id = r.assessment_row_id)`,
    );
    let n = 0;
    for (const row of missing) {
      const prepared = questionnaireFor(row.questionnaire_id, row.questionnaire_version);
      const result = JSON.parse(row.result) as ScoredResult;
      const topics = JSON.stringify(prepared ? demandTopics(prepared, result, result.recommendations) : []);
      n += (await tx.run('INSERT INTO result_demand (assessment_row_id, topics) VALUES (?, ?) ON CONFLICT (assessment_row_id) DO NOTHING', [row.row_id, topics])).changes;
    }
    return n;
  });
}
