/**
 * The topics each submitted check asks for (its fields of action), by the
 * cell the anonymised release describes it with — the demand view counts
 * them over the same released classes as every other staff figure.
 */
import type Database from 'better-sqlite3';
import { type PreparedQuestionnaire, type ScoredResult, demandTopics } from '../../questionnaires/engine/index.ts';
import type { CellKey } from '../stats/release.ts';

export function createDemandRepository(db: Database.Database) {
  const cells = db.prepare<[string], [string, string, string, string, string, string, string]>(
    `SELECT r.questionnaire_version, r.channel, coalesce(r.trade, ''), coalesce(r.employees, ''), coalesce(r.region, ''), r.submitted_month, d.topics
     FROM results r JOIN result_demand d USING (assessment_row_id) WHERE r.questionnaire_id = ?`,
  ).raw();
  const missing = db.prepare<[], { row_id: number; questionnaire_id: string; questionnaire_version: string; result: string }>(
    `SELECT r.assessment_row_id AS row_id, r.questionnaire_id, r.questionnaire_version, d.result
     FROM results r JOIN result_documents d USING (assessment_row_id)
     WHERE NOT EXISTS (SELECT 1 FROM result_demand x WHERE x.assessment_row_id = r.assessment_row_id)`,
  );
  const insert = db.prepare<[number, string]>('INSERT INTO result_demand (assessment_row_id, topics) VALUES (?, ?)');
  return {
    /** Each check's cell and demanded topics. */
    *byCell(questionnaireId: string): Generator<{ cell: CellKey; topics: string[] }> {
      for (const [version, channel, trade, employees, region, month, topics] of cells.iterate(questionnaireId)) {
        yield { cell: { version, channel, trade, employees, region, month }, topics: JSON.parse(topics) as string[] };
      }
    },
    /** Results stored before the demand view existed get their topics from their stored result. */
    backfill(questionnaireFor: (id: string, version: string) => PreparedQuestionnaire | undefined): number {
      return db.transaction(() => {
        let n = 0;
        for (const row of missing.all()) {
          const prepared = questionnaireFor(row.questionnaire_id, row.questionnaire_version);
          const result = JSON.parse(row.result) as ScoredResult;
          insert.run(row.row_id, JSON.stringify(prepared ? demandTopics(prepared, result, result.recommendations) : []));
          n++;
        }
        return n;
      }).immediate();
    },
  };
}

export type DemandRepository = ReturnType<typeof createDemandRepository>;
