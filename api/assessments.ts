/**
 * The assessment API's shapes: they validate requests and responses on the
 * server, describe them in OpenAPI, and type the web app's client.
 */
import { z } from 'zod';
import { AnswerValue, BusinessProfile, Id, Locale, PeerBenchmark, type Progress as EngineProgress, type ScoredResult } from '../questionnaires/engine/index.ts';
import { ASSESSMENT_STATUSES, CHANNELS } from './vocabulary.ts';

const field = BusinessProfile.shape;
const ResumeCodeInput = z.string().min(1).max(80).describe('The resume code as shown to the business; case, spaces and dashes do not matter.');

export const CreateAssessmentBody = z.strictObject({
  questionnaireId: Id,
  version: z.string().max(32).optional().describe('Defaults to the latest released version.'),
  previousResumeCode: ResumeCodeInput.optional().describe('Resume code of an earlier, submitted check: the new check is a re-assessment of it.'),
  previous: z
    .strictObject({ id: z.uuid(), retakeToken: z.string().min(1).max(80) })
    .optional()
    .describe("From a report's re-check link (/wiederholen/<id>#<token>): the earlier check's id and token. The new check is a re-assessment of it; the business details are copied, contact details are not."),
});
export type CreateAssessmentBody = z.input<typeof CreateAssessmentBody>;

export const CreatedAssessment = z.object({
  id: z.uuid(),
  resumeCode: z.string(),
  questionnaireId: z.string(),
  version: z.string(),
  revision: z.int(),
  isReassessment: z.boolean(),
});
export type CreatedAssessment = z.infer<typeof CreatedAssessment>;

export const AssessmentIdParams = z.strictObject({ id: z.uuid() });

export const ResumeCodeHeader = z.object({
  'x-resume-code': z.string().max(80).optional(),
});

/** In a PATCH, `null` clears a field, answer or rating. */
export const ProfilePatch = z.strictObject({
  trade: field.trade.unwrap().nullable().optional(),
  employees: field.employees.unwrap().nullable().optional(),
  postcode: field.postcode.unwrap().nullable().optional(),
  companyName: field.companyName.unwrap().nullable().optional(),
  email: field.email.unwrap().nullable().optional(),
  contactConsent: field.contactConsent.unwrap().nullable().optional(),
});

export const PatchAssessmentBody = z.strictObject({
  revision: z.number().int().min(0).describe('The revision this change is based on; a stale one answers 409 with the current state.'),
  profile: ProfilePatch.optional(),
  answers: z.record(Id, AnswerValue.nullable()).optional(),
  relevance: z.record(Id, z.number().int().min(1).max(5).nullable()).optional(),
  step: z
    .string()
    .max(64)
    .optional()
    .describe('The page the business is on: a section id, or `pruefen` for the review. Saved with the draft; resuming opens it again.'),
});
export type PatchAssessmentBody = z.infer<typeof PatchAssessmentBody>;
/** A change to a check as the web app queues it: the PATCH body without the revision. */
export type AssessmentPatch = Omit<z.input<typeof PatchAssessmentBody>, 'revision'>;

export const Progress = z.object({
  answered: z.int(),
  total: z.int(),
  percent: z.int(),
  requiredOpen: z.array(z.string()).describe('Required and visible but still open: question ids and profile.<field>'),
});
// The engine computes it; this describes it. A field changed on either side fails the typecheck.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const progressMatchesEngine: SameKeys<z.infer<typeof Progress>, EngineProgress> = true;
void progressMatchesEngine;

export const AssessmentState = z.object({
  id: z.uuid(),
  status: z.enum(ASSESSMENT_STATUSES),
  channel: z.enum(CHANNELS),
  questionnaireId: z.string(),
  version: z.string(),
  profile: BusinessProfile,
  answers: z.record(z.string(), AnswerValue),
  relevance: z.record(z.string(), z.number()),
  revision: z.int(),
  progress: Progress,
  step: z.string().nullable().describe('The page the business was on at its last save (a section id or `pruefen`); null when it never said.'),
  isReassessment: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type AssessmentState = z.infer<typeof AssessmentState>;

// The scored result belongs to the engine (questionnaires/engine/assess.ts); the
// API documents its outline and passes nested parts through unchanged.
const scoredResultShape = {
  questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  profile: z.object({ trade: z.string().nullable(), employees: z.string().nullable(), region: z.string().nullable() }),
  overall: z.object({ score: z.number(), level: z.string() }),
  dimensions: z.array(z.looseObject({ id: z.string(), score: z.number(), level: z.string() })),
  highlights: z.looseObject({}).optional().describe('Strengths and fields of action; absent from results stored before them'),
  contributions: z.array(z.looseObject({ questionId: z.string() })),
  recommendations: z.array(z.looseObject({})),
  referrals: z.looseObject({}),
  benchmark: PeerBenchmark.nullable(),
  previous: z.looseObject({}).nullable(),
};
const scoredResultMatchesEngine: SameKeys<typeof scoredResultShape, ScoredResult> = true;
void scoredResultMatchesEngine;
export const ScoredResultOutline = z
  .looseObject(scoredResultShape)
  .describe('The scored result: overall index and level, dimensions, contributions, recommendations, referrals, peer benchmark, change since the earlier check') as unknown as z.ZodType<ScoredResult>;

export const ResultDocument = z.object({
  assessmentId: z.uuid(),
  submittedAt: z.string(),
  result: ScoredResultOutline,
});
export type ResultDocument = z.infer<typeof ResultDocument>;

export const ReportQuery = z.strictObject({
  locale: Locale.default('de'),
  notes: z.enum(['true', 'false']).default('false').describe("Include a visit's notes (scouts and staff only)"),
});

export const ResumeBody = z.strictObject({ resumeCode: ResumeCodeInput });
export type ResumeBody = z.input<typeof ResumeBody>;

export const ResumeFound = z.object({ id: z.uuid(), status: z.enum(ASSESSMENT_STATUSES) });
export type ResumeFound = z.infer<typeof ResumeFound>;

/** Everything stored about the business behind a check (GDPR access); the records pass through as stored. */
export const DataExport = z.object({
  exportedAt: z.string(),
  check: z.looseObject({ id: z.string() }),
  earlierChecks: z.array(z.looseObject({ id: z.string() })),
  visit: z.looseObject({}).nullable(),
  mail: z
    .object({ reminder: z.looseObject({ email: z.string() }).nullable(), queued: z.array(z.looseObject({ recipient: z.string() })) })
    .describe('The re-check reminder and the mail about this check still in the queue'),
});
