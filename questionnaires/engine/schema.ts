/**
 * The questionnaire format: the zod schemas are the single source of the
 * TypeScript types and of `questionnaires/schema.json` (the JSON Schema that
 * definition files reference with `$schema`).
 */
import { z } from 'zod';

/** Ids are lowercase kebab-case, so they are safe as object keys (no `__proto__`). */
export const Id = z
  .string()
  .max(64, { abort: true })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase kebab-case (a-z, 0-9, "-")');
export type Id = z.infer<typeof Id>;

const Languages = {
  de: z.string().trim().min(1, 'a German text is required'),
  en: z.string().trim().min(1).optional(),
};

/** The same text for a one-person business, where the usual words assume a team or apprentices. */
export const SoloText = z.strictObject(Languages);
export type SoloText = z.infer<typeof SoloText>;

/**
 * A text in German (required, the primary language) and English (optional),
 * with an optional `solo` variant for one-person businesses (see `localize`).
 */
export const LocalizedText = z.strictObject({ ...Languages, solo: SoloText.optional() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Locale = z.enum(['de', 'en']);
export type Locale = z.infer<typeof Locale>;

/** The fields of the business profile; conditions may refer to them. */
export const ProfileField = z.enum(['trade', 'employees', 'postcode', 'companyName', 'email', 'contactConsent']);
export type ProfileField = z.infer<typeof ProfileField>;

/** A scalar a condition compares with: an option id, a number or a boolean. */
const ConditionValue = z.union([z.string().max(200), z.number(), z.boolean()]);

const QuestionRef = { question: Id };
const ProfileRef = { profile: ProfileField };

/**
 * A condition is JSON data, never code: combinators (`all`, `any`, `not`) over
 * leaves that test one answer (`question`), one profile field (`profile`) or —
 * in recommendation rules only — a scored dimension (`dimension`).
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; equals: string | number | boolean }
  | { question: string; in: (string | number | boolean)[] }
  | { question: string; includes: string }
  | { question: string; greaterThan: number }
  | { question: string; lessThan: number }
  | { question: string; answered: boolean }
  | { profile: ProfileField; equals: string | number | boolean }
  | { profile: ProfileField; in: (string | number | boolean)[] }
  | { dimension: string; atOrBelowLevel: string }
  | { dimension: string; scoreBelow: number };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
    z.strictObject({ ...QuestionRef, equals: ConditionValue }),
    z.strictObject({ ...QuestionRef, in: z.array(ConditionValue).min(1) }),
    z.strictObject({ ...QuestionRef, includes: Id }),
    z.strictObject({ ...QuestionRef, greaterThan: z.number() }),
    z.strictObject({ ...QuestionRef, lessThan: z.number() }),
    z.strictObject({ ...QuestionRef, answered: z.boolean() }),
    z.strictObject({ ...ProfileRef, equals: ConditionValue }),
    z.strictObject({ ...ProfileRef, in: z.array(ConditionValue).min(1) }),
    z.strictObject({ dimension: Id, atOrBelowLevel: Id }),
    z.strictObject({ dimension: Id, scoreBelow: z.number().min(0).max(100) }),
  ]),
);

export const Option = z.strictObject({
  id: Id,
  label: LocalizedText,
  help: LocalizedText.optional(),
  /** Points for this option; a question is normalised to its best option. */
  score: z.number().min(0).max(1000).default(0),
  /** In a `multi` question: choosing it clears every other choice ("none of these"). */
  exclusive: z.boolean().optional(),
});
export type Option = z.infer<typeof Option>;

const QuestionBase = {
  id: Id,
  text: LocalizedText,
  help: LocalizedText.optional(),
  /** Relative weight inside its dimension; 0 makes a question informative only. */
  weight: z.number().min(0).max(100).default(1),
  required: z.boolean().default(false),
  visibleIf: Condition.optional(),
  /** Offer "not applicable"; that answer (the value `"n/a"`) is never scored. */
  notApplicable: LocalizedText.optional(),
  /** Also ask how relevant the topic is for this business (1–5 or no answer). */
  relevance: z.boolean().default(false),
  /** Topic ids (from the referral catalogue) this question is about. */
  topics: z.array(Id).default([]),
};

export const SingleQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('single'),
  options: z.array(Option).min(2),
});
export const MultiQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('multi'),
  options: z.array(Option).min(2),
  /** Points at which the question counts as fully implemented; default: all positive scores. */
  maxScore: z.number().positive().optional(),
});
export const ScaleQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('scale'),
  min: z.number().int().default(1),
  max: z.number().int().default(5),
  minLabel: LocalizedText.optional(),
  maxLabel: LocalizedText.optional(),
  /** Whether the scale is scored (implementation level) or only informative. */
  scored: z.boolean().default(true),
});
export const BooleanQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('boolean'),
  /** Points for yes and no; default yes = 1, no = 0. An all-zero pair makes the question unscored. */
  scores: z.strictObject({ yes: z.number().min(0), no: z.number().min(0) }).default({ yes: 1, no: 0 }),
});
export const NumberQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('number'),
  min: z.number().default(0),
  max: z.number().default(1_000_000),
  integer: z.boolean().default(true),
  unit: LocalizedText.optional(),
  /** Optional scoring: the highest band whose `atLeast` the answer reaches gives its score (0–1). */
  scoreBands: z.array(z.strictObject({ atLeast: z.number(), score: z.number().min(0).max(1) })).optional(),
});
export const TextQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(10_000).default(2000),
  multiline: z.boolean().default(true),
});

export const Question = z.discriminatedUnion('type', [
  SingleQuestion,
  MultiQuestion,
  ScaleQuestion,
  BooleanQuestion,
  NumberQuestion,
  TextQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];

export const DimensionSection = z.strictObject({
  id: Id,
  kind: z.literal('dimension'),
  /** The dimension every question of this section scores into. */
  dimension: Id,
  title: LocalizedText,
  intro: LocalizedText.optional(),
  questions: z.array(Question).min(1),
});

export const ProfileFieldSpec = z.strictObject({
  field: ProfileField,
  text: LocalizedText,
  help: LocalizedText.optional(),
  required: z.boolean().default(false),
});
export type ProfileFieldSpec = z.infer<typeof ProfileFieldSpec>;

export const ProfileSection = z.strictObject({
  id: Id,
  kind: z.literal('profile'),
  title: LocalizedText,
  intro: LocalizedText.optional(),
  fields: z.array(ProfileFieldSpec).min(1),
});

export const Section = z.discriminatedUnion('kind', [ProfileSection, DimensionSection]);
export type Section = z.infer<typeof Section>;
export type DimensionSection = z.infer<typeof DimensionSection>;
export type ProfileSection = z.infer<typeof ProfileSection>;

export const LevelText = z.strictObject({
  /** Where a business at this level stands. */
  status: LocalizedText,
  /** The next concrete step from here. */
  nextStep: LocalizedText,
});

export const Dimension = z.strictObject({
  id: Id,
  title: LocalizedText,
  shortTitle: LocalizedText.optional(),
  description: LocalizedText,
  weight: z.number().min(0).max(100).default(1),
  /** Catalogue topics that referrals for this dimension are drawn from. */
  topics: z.array(Id).min(1),
  /** One text per level id. */
  levelTexts: z.record(Id, LevelText),
});
export type Dimension = z.infer<typeof Dimension>;

export const Level = z.strictObject({
  id: Id,
  title: LocalizedText,
  description: LocalizedText,
  /** Lowest score (0–100) of this level; the first level starts at 0. */
  minScore: z.number().min(0).max(100),
});
export type Level = z.infer<typeof Level>;

export const ProfileChoice = z.strictObject({
  id: Id,
  label: LocalizedText,
  help: LocalizedText.optional(),
  /** An employee band of one person (the owner alone): texts use their `solo` variants, team questions hide. */
  solo: z.boolean().optional(),
});

/**
 * How strengths and fields of action are chosen (one rule for the web page,
 * the PDF and the scouts' view; see `highlightsOf`).
 */
export const HighlightRules = z.strictObject({
  /** A dimension counts as a strength only from this level on — never below, so never at 0 points. */
  strengthFromLevel: Id,
  maxStrengths: z.number().int().min(0).max(10).default(2),
  /** The fields of action ("where you gain most"): the dimensions with the most potential. */
  maxActionFields: z.number().int().min(1).max(10).default(3),
});
export type HighlightRules = z.infer<typeof HighlightRules>;

export const Recommendation = z.strictObject({
  id: Id,
  /** The dimension the action strengthens (used for ranking). */
  dimension: Id,
  when: Condition,
  title: LocalizedText,
  text: LocalizedText,
  topics: z.array(Id).min(1),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Questionnaire = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  version: z
    .string()
    .max(32)
    .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a semantic version such as 1.0.0'),
  title: LocalizedText,
  description: LocalizedText,
  estimatedMinutes: z.number().int().positive().max(240).optional(),
  /** What changed since the previous version, in the editors' words (not shown to businesses). */
  changes: z.array(z.string().trim().min(1).max(1000)).optional(),
  profile: z.strictObject({
    trades: z.array(ProfileChoice).min(1),
    employeeBands: z.array(ProfileChoice).min(1),
  }),
  levels: z.array(Level).min(2).max(10),
  dimensions: z.array(Dimension).min(1),
  relevanceQuestion: LocalizedText.optional(),
  /** Default: strengths from the middle level on, at most two, and three fields of action. */
  highlights: HighlightRules.optional(),
  sections: z.array(Section).min(1),
  recommendations: z.array(Recommendation).default([]),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
/** What a definition file contains before zod fills defaults. */
export type QuestionnaireInput = z.input<typeof Questionnaire>;

// ---------------------------------------------------------------------------
// Answers

export { NOT_APPLICABLE } from './not-applicable.ts';

export const AnswerValue = z.union([z.string().max(10_000), z.array(Id).max(100), z.number().finite(), z.boolean()]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answers = z.record(Id, AnswerValue);
export type Answers = z.infer<typeof Answers>;

/** Relevance ratings 1 (not relevant) … 5 (very relevant); absent = no answer. */
export const RelevanceRatings = z.record(Id, z.number().int().min(1).max(5));
export type RelevanceRatings = z.infer<typeof RelevanceRatings>;

// Length limits abort before any pattern runs, and the patterns cannot
// backtrack (no overlapping repetitions): a 50,000-character value fails fast.
const Postcode = z
  .string()
  .max(5, { message: 'must be a five-digit German postcode', abort: true })
  .regex(/^\d{5}$/, 'must be a five-digit German postcode');

export const EmailAddress = z
  .string()
  .max(254, { message: 'is too long for an e-mail address', abort: true })
  .regex(/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/, 'is not an e-mail address');

/**
 * The business profile. Trade and employee band values are ids the
 * questionnaire defines (checked by `validateProfile`); while a check is a
 * draft, every field may still be missing.
 */
export const BusinessProfile = z.strictObject({
  trade: Id.optional(),
  employees: Id.optional(),
  postcode: Postcode.optional(),
  companyName: z.string().trim().max(200).optional(),
  email: EmailAddress.optional(),
  contactConsent: z.boolean().optional(),
});
export type BusinessProfile = z.infer<typeof BusinessProfile>;

export const AnswerSet = z.strictObject({
  questionnaireId: Id,
  version: z.string().max(32),
  profile: BusinessProfile.default({}),
  answers: Answers.default({}),
  relevance: RelevanceRatings.default({}),
});
export type AnswerSet = z.infer<typeof AnswerSet>;

/** Mean scores of comparable businesses (same trade group), with the group's size. */
export const PeerBenchmark = z.strictObject({
  trade: Id,
  groupSize: z.number().int().min(1),
  overall: z.number().min(0).max(100),
  dimensions: z.record(Id, z.number().min(0).max(100)),
});
export type PeerBenchmark = z.infer<typeof PeerBenchmark>;
