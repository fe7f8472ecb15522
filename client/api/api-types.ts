/**
 * The shapes the server's HTTP API answers with (see server/routes/api). The
 * web app may not import server code, so the contract is written down here;
 * everything about questions, answers and results comes from the engine.
 */
import type { AnswerValue, BusinessProfile, Progress, Questionnaire, ScoredResult } from '../../questionnaires/engine/index.ts';

export type AssessmentStatus = 'draft' | 'submitted';

export interface QuestionnaireSummary {
  id: string;
  version: string;
  title: Questionnaire['title'];
  hash: string;
}

export interface QuestionnaireDocument {
  hash: string;
  definition: Questionnaire;
}

export interface CreatedAssessment {
  id: string;
  resumeCode: string;
  questionnaireId: string;
  version: string;
  revision: number;
  isReassessment: boolean;
}

export interface AssessmentState {
  id: string;
  status: AssessmentStatus;
  questionnaireId: string;
  version: string;
  profile: BusinessProfile;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  revision: number;
  progress: Progress;
  isReassessment: boolean;
  submittedAt: string | null;
}

/** A change to a check: `null` clears a field, answer or rating. */
export interface AssessmentPatch {
  profile?: { [K in keyof BusinessProfile]?: BusinessProfile[K] | null };
  answers?: Record<string, AnswerValue | null>;
  relevance?: Record<string, number | null>;
}

export interface ResultDocument {
  assessmentId: string;
  submittedAt: string;
  result: ScoredResult;
}

export interface ApiIssue {
  path: string;
  message: string;
}

/** An answer that is not 2xx, or no answer at all (`status: 0`). */
export interface ApiFailure {
  status: number;
  error: string;
  issues: ApiIssue[];
  /** On 409: the check as the server has it now. */
  current?: AssessmentState;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };
