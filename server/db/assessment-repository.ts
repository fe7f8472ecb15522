/**
 * All SQL about assessments and results. Statements are prepared once; JSON
 * columns are parsed here so nobody else sees a row's raw shape.
 */
import type Database from 'better-sqlite3';
import { createFactsRepository, factsOfResult } from './facts-repository.ts';
import { createGroupCommit } from './group-commit.ts';
import { withFullSync } from './open-database.ts';
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

export function createAssessmentRepository(db: Database.Database, { onBatch }: { onBatch?: (size: number) => void } = {}) {
  const facts = createFactsRepository(db);
  // Submits arriving together share one FULL commit (group-commit.ts).
  const durable = createGroupCommit(db, { onBatch });
  const insert = db.prepare<[string, string, string, string, string, string, string, number | null, string, string]>(
    `INSERT INTO assessments (id, resume_hash, questionnaire_id, questionnaire_version, questionnaire_hash, status, channel, profile, previous_row_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], AssessmentRow>('SELECT * FROM assessments WHERE id = ?');
  const resumeHashById = db.prepare<[string], string>('SELECT resume_hash FROM assessments WHERE id = ?').pluck();
  const byRowId = db.prepare<[number], AssessmentRow>('SELECT * FROM assessments WHERE row_id = ?');
  const byResumeHash = db.prepare<[string], AssessmentRow>('SELECT * FROM assessments WHERE resume_hash = ?');
  const updateDraft = db.prepare<[string, string, string, number, string | null, string, number, number]>(
    `UPDATE assessments SET profile = ?, answers = ?, relevance = ?, step = CASE WHEN ? THEN ? ELSE step END, updated_at = ?, revision = revision + 1
     WHERE row_id = ? AND revision = ? AND status = 'draft'`,
  );
  const markSubmitted = db.prepare<[string, string, number]>(
    `UPDATE assessments SET status = 'submitted', submitted_at = ?, updated_at = ?, revision = revision + 1
     WHERE row_id = ? AND status = 'draft'`,
  );
  const insertResult = db.prepare<
    [number, string, string, string, string | null, string | null, string | null, string, number, string, string, string | null, string | null, string, string]
  >(
    `INSERT INTO results (assessment_row_id, questionnaire_id, questionnaire_version, questionnaire_hash, trade, employees, region, channel,
       overall_score, overall_level, dimension_scores, contact_company, contact_email, submitted_at, submitted_month)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDocument = db.prepare<[number, string]>('INSERT INTO result_documents (assessment_row_id, result) VALUES (?, ?)');
  const insertDimension = db.prepare<[number, string, string | null, string, number, string, number]>(
    'INSERT INTO result_dimensions (assessment_row_id, questionnaire_id, trade, dimension_id, score, level, has_basis) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const resultOf = db.prepare<[number], { result: string; submitted_at: string }>(
    'SELECT d.result, r.submitted_at FROM results r JOIN result_documents d USING (assessment_row_id) WHERE r.assessment_row_id = ?',
  );
  const peerSums = db.prepare<[string, string], { dimension_id: string; n: number; total: number }>(
    'SELECT dimension_id, n, total FROM peer_sums WHERE questionnaire_id = ? AND trade = ? AND n > 0',
  );

  const staleDrafts = db.prepare<[string]>("DELETE FROM assessments WHERE status = 'draft' AND updated_at < ?");
  // An erased visit is remembered (erased_visits), so a tablet's late change cannot bring it back.
  const rememberErased = db.prepare<[string, number]>("INSERT OR IGNORE INTO erased_visits (visit_id, erased_at) SELECT id, ? FROM assessments WHERE row_id = ? AND channel = 'visit'");
  const rememberStale = db.prepare<[string, string]>(
    "INSERT OR IGNORE INTO erased_visits (visit_id, erased_at) SELECT id, ? FROM assessments WHERE status = 'draft' AND channel = 'visit' AND updated_at < ?",
  );
  const removeStale = db.transaction((cutoff: string, now: string) => {
    rememberStale.run(now, cutoff);
    return staleDrafts.run(cutoff).changes;
  });
  const previousChain = db.prepare<[number], AssessmentRow>(
    `WITH RECURSIVE chain(row_id) AS (SELECT previous_row_id FROM assessments WHERE row_id = ?
       UNION SELECT a.previous_row_id FROM assessments a JOIN chain c ON a.row_id = c.row_id)
     SELECT a.* FROM assessments a JOIN chain c ON a.row_id = c.row_id`,
  );
  const narrowResult = db.prepare<[number], Parameters<typeof factsOfResult>[0]>('SELECT * FROM results WHERE assessment_row_id = ?');
  const deleteAssessment = db.prepare<[number]>('DELETE FROM assessments WHERE row_id = ?');
  const remove = db.transaction((rowId: number, now: string) => {
    rememberErased.run(now, rowId);
    const row = narrowResult.get(rowId);
    if (row) {
      const { key, scores } = factsOfResult(row);
      facts.remove(key, scores);
    }
    return deleteAssessment.run(rowId).changes === 1;
  });

  const insertDemand = db.prepare<[number, string]>('INSERT INTO result_demand (assessment_row_id, topics) VALUES (?, ?)');
  const submit = db.transaction((record: AssessmentRecord, result: ScoredResult, now: string, demand: readonly string[]) => {
    const changed = markSubmitted.run(now, now, record.rowId).changes;
    if (changed === 0) return false;
    const dimensionScores = JSON.stringify(Object.fromEntries(result.dimensions.map((d) => [d.id, [d.score, d.level, d.hasBasis]])));
    insertResult.run(
      record.rowId,
      result.questionnaire.id,
      result.questionnaire.version,
      result.questionnaire.hash,
      result.profile.trade,
      result.profile.employees,
      result.profile.region,
      record.channel,
      result.overall.score,
      result.overall.level,
      dimensionScores,
      // Contact details live in `leads` (consent can be withdrawn there); results stay contact-free.
      null,
      null,
      now,
      now.slice(0, 7),
    );
    insertDocument.run(record.rowId, JSON.stringify(result));
    insertDemand.run(record.rowId, JSON.stringify(demand));
    const { key, scores } = factsOfResult({
      questionnaire_id: result.questionnaire.id,
      questionnaire_version: result.questionnaire.version,
      channel: record.channel,
      trade: result.profile.trade,
      employees: result.profile.employees,
      region: result.profile.region,
      submitted_month: now.slice(0, 7),
      overall_score: result.overall.score,
      overall_level: result.overall.level,
      dimension_scores: dimensionScores,
    });
    facts.add(key, scores);
    for (const d of result.dimensions) {
      insertDimension.run(record.rowId, result.questionnaire.id, result.profile.trade, d.id, d.score, d.level, d.hasBasis ? 1 : 0);
    }
    return true;
  });

  return {
    insert(a: NewAssessment): AssessmentRecord {
      const { lastInsertRowid } = insert.run(
        a.id,
        a.resumeHash,
        a.questionnaireId,
        a.version,
        a.questionnaireHash,
        a.channel,
        JSON.stringify(a.profile),
        a.previousRowId,
        a.now,
        a.now,
      );
      return toRecord(byRowId.get(Number(lastInsertRowid))!);
    },
    findById(id: string): AssessmentRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    /** Only the hash: checking a code costs the same whether the id exists or not, and parses nothing. */
    resumeHashOf(id: string): string | undefined {
      return resumeHashById.get(id);
    },
    findByRowId(rowId: number): AssessmentRecord | undefined {
      const row = byRowId.get(rowId);
      return row && toRecord(row);
    },
    findByResumeHash(hash: string): AssessmentRecord | undefined {
      const row = byResumeHash.get(hash);
      return row && toRecord(row);
    },
    /** Writes a draft if nobody else did since `expectedRevision`; false when stale or submitted. */
    updateDraft(rowId: number, u: DraftUpdate): boolean {
      return (
        updateDraft.run(JSON.stringify(u.profile), JSON.stringify(u.answers), JSON.stringify(u.relevance), u.step !== undefined ? 1 : 0, u.step ?? null, u.now, rowId, u.expectedRevision)
          .changes === 1
      );
    },
    /** Stores the result and marks the check submitted, atomically; false if it already was. */
    submit(record: AssessmentRecord, result: ScoredResult, now: string, demand: readonly string[] = []): boolean {
      return withFullSync(db, () => submit.immediate(record, result, now, demand));
    },
    /** `submit`, committed together with the submits queued beside it: resolves once their one FULL commit has returned. */
    submitGrouped(record: AssessmentRecord, result: ScoredResult, now: string, demand: readonly string[] = []): Promise<boolean> {
      return durable.write(() => submit(record, result, now, demand));
    },
    /** Commits queued submits now (before the database closes). */
    flushSubmits(): void {
      if (db.open) durable.flush();
    },
    /** Deletes a check, its result and its share of the aggregates (GDPR erasure). */
    delete(rowId: number, now: string): boolean {
      return withFullSync(db, () => remove.immediate(rowId, now));
    },
    /** Removes drafts nobody touched since `cutoff` (the retention setting); answers how many. */
    deleteStaleDrafts(cutoff: string, now: string): number {
      return withFullSync(db, () => removeStale.immediate(cutoff, now));
    },
    /** The earlier checks a re-assessment builds on, nearest first. */
    previousChecks(rowId: number): AssessmentRecord[] {
      return previousChain.all(rowId).map(toRecord);
    },
    findResult(rowId: number): StoredResult | undefined {
      const row = resultOf.get(rowId);
      return row && { result: JSON.parse(row.result) as ScoredResult, submittedAt: row.submitted_at };
    },
    /** Mean scores of submitted checks in the same trade group; null below the minimum group size. */
    peerBenchmark(questionnaireId: string, trade: string, minimumGroup: number): PeerBenchmark | null {
      const sums = peerSums.all(questionnaireId, trade);
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
