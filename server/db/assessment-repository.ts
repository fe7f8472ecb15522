/**
 * All SQL about assessments and results, through the SqlClient (SQLite or
 * PostgreSQL). JSON columns are parsed here so nobody else sees a row's raw shape.
 */
import { addFacts, factsOfResult, removeFacts } from './facts-repository.ts';
import type { SqlParam, SqlQueries } from './sql-client.ts';
import type { AnswerValue, BusinessProfile, PeerBenchmark, ScoredResult } from '../../questionnaires/engine/index.ts';

export type AssessmentStatus = 'draft' | 'submitted';
export type Channel = 'online' | 'visit';

export interface AssessmentRecord {
  rowId: number;
  id: string;
  resumeHash: string;
  questionnaireId: string;
  version: string;
  questionnaireHash: string;
  status: AssessmentStatus;
  channel: Channel;
  profile: BusinessProfile;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  revision: number;
  /** The page the business was on at its last save (a section id or `pruefen`); null before issue 18. */
  step: string | null;
  previousRowId: number | null;
  /** The scout who runs this check on a visit, if any. */
  scoutUserRowId: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

interface AssessmentRow {
  row_id: number;
  id: string;
  resume_hash: string;
  questionnaire_id: string;
  questionnaire_version: string;
  questionnaire_hash: string;
  status: AssessmentStatus;
  channel: Channel;
  profile: string;
  answers: string;
  relevance: string;
  revision: number;
  step: string | null;
  previous_row_id: number | null;
  scout_user_row_id: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface StoredResult {
  result: ScoredResult;
  submittedAt: string;
}

export interface NewAssessment {
  id: string;
  resumeHash: string;
  questionnaireId: string;
  version: string;
  questionnaireHash: string;
  channel: Channel;
  profile: BusinessProfile;
  previousRowId: number | null;
  now: string;
}

export interface DraftUpdate {
  profile: BusinessProfile;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  /** Omitted: the stored page stays. */
  step?: string | null;
  expectedRevision: number;
  now: string;
}

const toRecord = (row: AssessmentRow): AssessmentRecord => ({
  rowId: row.row_id,
  id: row.id,
  resumeHash: row.resume_hash,
  questionnaireId: row.questionnaire_id,
  version: row.questionnaire_version,
  questionnaireHash: row.questionnaire_hash,
  status: row.status,
  channel: row.channel,
  profile: JSON.parse(row.profile) as BusinessProfile,
  answers: JSON.parse(row.answers) as Record<string, AnswerValue>,
  relevance: JSON.parse(row.relevance) as Record<string, number>,
  revision: row.revision,
  step: row.step,
  previousRowId: row.previous_row_id,
  scoutUserRowId: row.scout_user_row_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  submittedAt: row.submitted_at,
});

type NarrowResult = Parameters<typeof factsOfResult>[0];

const INSERT_DIMENSION = 'INSERT INTO result_dimensions (assessment_row_id, questionnaire_id, trade, dimension_id, score, level, has_basis) VALUES ';

/** Writes a result and its aggregates in the caller's transaction; false when the check was submitted already. */
async function storeResult(tx: SqlQueries, record: AssessmentRecord, result: ScoredResult, now: string, demand: readonly string[]): Promise<boolean> {
  const { changes } = await tx.run(
    `UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ?, revision = revision + 1
     WHERE row_id = ? AND status = 'draft'`,
    [now, now, record.rowId],
  );
  if (changes === 0) return false;
  const dimensionScores = JSON.stringify(Object.fromEntries(result.dimensions.map((d) => [d.id, [d.score, d.level, d.hasBasis]])));
  const narrow: NarrowResult = {
    questionnaire_id: result.questionnaire.id,
    questionnaire_version: result.questionnaire.version,
    channel: record.channel,
    trade: result.profile.trade ?? null,
    employees: result.profile.employees ?? null,
    region: result.profile.region ?? null,
    submitted_month: now.slice(0, 7),
    overall_score: result.overall.score,
    overall_level: result.overall.level,
    dimension_scores: dimensionScores,
  };
  await tx.run(
    `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel,
       overall_score, overall_level, dimension_scores, contact_company, contact_email, submitted_at, submitted_month)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      record.rowId,
      narrow.questionnaire_id,
      narrow.questionnaire_version,
      result.questionnaire.hash,
      narrow.trade,
      narrow.employees,
      narrow.region,
      narrow.channel,
      narrow.overall_score,
      narrow.overall_level,
      dimensionScores,
      // Contact details live in `leads` (consent can be withdrawn there); results stay contact-free.
      null,
      null,
      now,
      narrow.submitted_month,
    ],
  );
  await tx.run('INSERT INTO result_documents (assessment_row_id, result) VALUES (?, ?)', [record.rowId, JSON.stringify(result)]);
  await tx.run('INSERT INTO result_demand (assessment_row_id, topics) VALUES (?, ?)', [record.rowId, JSON.stringify(demand)]);
  const { key, scores } = factsOfResult(narrow);
  await addFacts(tx, key, scores);
  if (result.dimensions.length > 0) {
    // One statement for all dimensions: on PostgreSQL every statement is a round trip.
    await tx.run(
      INSERT_DIMENSION + result.dimensions.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', '),
      result.dimensions.flatMap((d) => [record.rowId, result.questionnaire.id, narrow.trade, d.id, d.score, d.level, d.hasBasis ? 1 : 0]),
    );
  }
  return true;
}

/** Over the client, or over a transaction's `tx` (a tablet's sync batch): then every call runs inside it. */
export function createAssessmentRepository(sql: SqlQueries) {
  const one = async (query: string, params: SqlParam[]): Promise<AssessmentRecord | undefined> => {
    const row = await sql.get<AssessmentRow>(query, params);
    return row && toRecord(row);
  };

  return {
    async insert(a: NewAssessment): Promise<AssessmentRecord> {
      const row = await sql.get<AssessmentRow>(
        `INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, profile, previous_row_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?) RETURNING *`,
        [a.id, a.resumeHash, a.questionnaireId, a.version, a.questionnaireHash, a.channel, JSON.stringify(a.profile), a.previousRowId, a.now, a.now],
      );
      return toRecord(row!);
    },
    findById: (id: string) => one('SELECT * FROM assessments WHERE id = ?', [id]),
    /** Only the hash: checking a code costs the same whether the id exists or not, and parses nothing. */
    async resumeHashOf(id: string): Promise<string | undefined> {
      return (await sql.get<{ resume_hash: string }>('SELECT resume_hash FROM assessments WHERE id = ?', [id]))?.resume_hash;
    },
    findByRowId: (rowId: number) => one('SELECT * FROM assessments WHERE row_id = ?', [rowId]),
    findByResumeHash: (hash: string) => one('SELECT * FROM assessments WHERE resume_hash = ?', [hash]),
    /** Writes a draft if nobody else did since `expectedRevision`; false when stale or submitted. */
    async updateDraft(rowId: number, u: DraftUpdate): Promise<boolean> {
      const { changes } = await sql.run(
        `UPDATE assessments SET profile = ?, answers = ?, relevance = ?, step = CASE WHEN ? = 1 THEN ? ELSE step END, updated_at = ?, revision = revision + 1
         WHERE row_id = ? AND revision = ? AND status = 'draft'`,
        [JSON.stringify(u.profile), JSON.stringify(u.answers), JSON.stringify(u.relevance), u.step !== undefined ? 1 : 0, u.step ?? null, u.now, rowId, u.expectedRevision],
      );
      return changes === 1;
    },
    /**
     * Stores the result and marks the check submitted, atomically; false if it already was. Durable: resolves once
     * the commit (on SQLite shared with the submits queued beside it) has reached the disk.
     */
    submit(record: AssessmentRecord, result: ScoredResult, now: string, demand: readonly string[] = []): Promise<boolean> {
      return sql.transaction((tx) => storeResult(tx, record, result, now, demand), { durable: true });
    },
    /** Deletes a check, its result and its share of the aggregates (GDPR erasure). */
    delete(rowId: number, now: string): Promise<boolean> {
      return sql.transaction(async (tx) => {
        // An erased visit is remembered (erased_visits), so a tablet's late change cannot bring it back.
        await tx.run(
          "INSERT INTO erased_visits (visit_id, erased_at) SELECT id, ? FROM assessments WHERE row_id = ? AND channel = 'visit' ON CONFLICT DO NOTHING",
          [now, rowId],
        );
        const row = await tx.get<NarrowResult>('SELECT * FROM results WHERE assessment_row_id = ?', [rowId]);
        if (row) {
          const { key, scores } = factsOfResult(row);
          await removeFacts(tx, key, scores);
        }
        return (await tx.run('DELETE FROM assessments WHERE row_id = ?', [rowId])).changes === 1;
      }, { durable: true });
    },
    /** Removes drafts nobody touched since `cutoff` (the retention setting); answers how many. */
    deleteStaleDrafts(cutoff: string, now: string): Promise<number> {
      return sql.transaction(async (tx) => {
        await tx.run(
          "INSERT INTO erased_visits (visit_id, erased_at) SELECT id, ? FROM assessments WHERE status = 'draft' AND channel = 'visit' AND updated_at < ? ON CONFLICT DO NOTHING",
          [now, cutoff],
        );
        return (await tx.run("DELETE FROM assessments WHERE status = 'draft' AND updated_at < ?", [cutoff])).changes;
      }, { durable: true });
    },
    /** The earlier checks a re-assessment builds on, nearest first. */
    async previousChecks(rowId: number): Promise<AssessmentRecord[]> {
      const rows = await sql.all<AssessmentRow>(
        `WITH RECURSIVE chain(row_id, depth) AS (SELECT previous_row_id, 1 FROM assessments WHERE row_id = ?
           UNION ALL SELECT a.previous_row_id, c.depth + 1 FROM assessments a JOIN chain c ON a.row_id = c.row_id)
         SELECT a.* FROM assessments a JOIN chain c ON a.row_id = c.row_id ORDER BY c.depth`,
        [rowId],
      );
      return rows.map(toRecord);
    },
    async findResult(rowId: number): Promise<StoredResult | undefined> {
      const row = await sql.get<{ result: string; submitted_at: string }>(
        'SELECT d.result, r.submitted_at FROM results r JOIN result_documents d USING (assessment_row_id) WHERE r.assessment_row_id = ?',
        [rowId],
      );
      return row && { result: JSON.parse(row.result) as ScoredResult, submittedAt: row.submitted_at };
    },
    /** Mean scores of submitted checks in the same trade group; null below the minimum group size. */
    async peerBenchmark(questionnaireId: string, trade: string, minimumGroup: number): Promise<PeerBenchmark | null> {
      const sums = await sql.all<{ dimension_id: string; n: number; total: number }>(
        'SELECT dimension_id, n, total FROM peer_sums WHERE questionnaire_id = ? AND trade = ? AND n > 0',
        [questionnaireId, trade],
      );
      const overall = sums.find((s) => s.dimension_id === '');
      if (!overall || overall.n < minimumGroup) return null;
      const mean = (s: { n: number; total: number }) => Math.round((s.total / s.n) * 10) / 10;
      return {
        trade,
        groupSize: overall.n,
        overall: mean(overall),
        dimensions: Object.fromEntries(sums.filter((s) => s.dimension_id !== '').map((s) => [s.dimension_id, mean(s)])),
      };
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
