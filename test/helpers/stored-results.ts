/**
 * Submitted results written straight into the tables (as bench/export.ts
 * does), for tests that need scores chosen to the tenth rather than whatever
 * an answer set scores. The caller rebuilds the dashboard facts afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import type { SqlQueries } from '../../server/db/sql-client.ts';

export interface StoredResult {
  trade: string | null;
  employees?: string | null;
  region?: string | null;
  channel?: string;
  /** `YYYY-MM` */
  month: string;
  overall: number;
  /** Per dimension id its score; a dimension left out has no basis. */
  dimensions: Record<string, number>;
}

export async function insertResults(sql: SqlQueries, prepared: PreparedQuestionnaire, results: readonly StoredResult[]): Promise<void> {
  const levelOf = (score: number) => [...prepared.levels].reverse().find((l) => score >= l.minScore)!.id;
  const { id, version } = prepared.definition;
  await sql.transaction(async (tx) => {
    for (const r of results) {
      const at = `${r.month}-15T10:00:00.000Z`;
      const channel = r.channel ?? 'online';
      const { row_id: rowId } = (await tx.get<{ row_id: number }>(
        `INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, created_at, updated_at, submitted_at)
         VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?) RETURNING row_id`,
        [randomUUID(), randomUUID(), id, version, prepared.hash, channel, at, at, at],
      ))!;
      const dimensions = Object.fromEntries(prepared.definition.dimensions.map((d) => [d.id, d.id in r.dimensions ? [r.dimensions[d.id]!, levelOf(r.dimensions[d.id]!), true] : [0, levelOf(0), false]]));
      await tx.run(
        `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel, overall_score, overall_level, dimension_scores, submitted_at, submitted_month)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [rowId, id, version, prepared.hash, r.trade, r.employees ?? null, r.region ?? null, channel, r.overall, levelOf(r.overall), JSON.stringify(dimensions), at, r.month],
      );
    }
  });
}
