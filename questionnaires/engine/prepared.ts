/**
 * A questionnaire prepared once for fast, repeated use: lookups by id and the
 * document order that visibility relies on. Built by `prepareQuestionnaire`
 * after the definition passed `checkQuestionnaire`.
 */
import { referencedQuestions } from './conditions.ts';
import type { Dimension, DimensionSection, Level, ProfileFieldSpec, Question, Questionnaire } from './schema.ts';

export interface QuestionEntry {
  question: Question;
  /** The dimension it scores into. */
  dimension: string;
  sectionId: string;
  /** Position in document order (0-based, over all questions). */
  order: number;
}

export interface PreparedQuestionnaire {
  definition: Questionnaire;
  /** Content hash of the definition file (computed by whoever read the file). */
  hash: string;
  /** Every question in document order. */
  questions: QuestionEntry[];
  questionById: Map<string, QuestionEntry>;
  dimensionById: Map<string, Dimension>;
  /** Levels sorted by `minScore`, lowest first. */
  levels: Level[];
  levelIndex: Map<string, number>;
  dimensionSections: DimensionSection[];
  profileFields: ProfileFieldSpec[];
  tradeIds: Set<string>;
  employeeBandIds: Set<string>;
  /** Best raw points per question; 0 marks a question that is not scored. */
  maxPoints: Map<string, number>;
  /**
   * A follow-up (shown by an earlier answer) → the question it ultimately
   * follows: the first question its condition reads, followed back to a
   * question shown for the profile alone. Progress counts follow-ups with it.
   */
  followUpOf: Map<string, string>;
}

export function prepareQuestionnaire(definition: Questionnaire, hash: string): PreparedQuestionnaire {
  const questions: QuestionEntry[] = [];
  const dimensionSections: DimensionSection[] = [];
  const profileFields: ProfileFieldSpec[] = [];
  for (const section of definition.sections) {
    if (section.kind === 'profile') {
      profileFields.push(...section.fields);
      continue;
    }
    dimensionSections.push(section);
    for (const question of section.questions) {
      questions.push({ question, dimension: section.dimension, sectionId: section.id, order: questions.length });
    }
  }
  const levels = [...definition.levels].sort((a, b) => a.minScore - b.minScore);
  // Conditions read only earlier questions (checkQuestionnaire), so one pass in order finds every root.
  const followUpOf = new Map<string, string>();
  for (const { question } of questions) {
    const follows = question.visibleIf ? referencedQuestions(question.visibleIf)[0] : undefined;
    if (follows !== undefined) followUpOf.set(question.id, followUpOf.get(follows) ?? follows);
  }
  return {
    definition,
    hash,
    questions,
    questionById: new Map(questions.map((entry) => [entry.question.id, entry])),
    dimensionById: new Map(definition.dimensions.map((d) => [d.id, d])),
    levels,
    levelIndex: new Map(levels.map((level, index) => [level.id, index])),
    dimensionSections,
    profileFields,
    tradeIds: new Set(definition.profile.trades.map((t) => t.id)),
    employeeBandIds: new Set(definition.profile.employeeBands.map((b) => b.id)),
    maxPoints: new Map(questions.map(({ question }) => [question.id, maxPointsOf(question)])),
    followUpOf,
  };
}

/** The level a score (0–100) falls into: the highest whose `minScore` it reaches. */
export function levelFor(prepared: PreparedQuestionnaire, score: number): Level {
  let found = prepared.levels[0]!;
  for (const level of prepared.levels) if (score >= level.minScore) found = level;
  return found;
}

/** The raw points of a question's best answer; 0 when it is not scored at all. */
export function maxPointsOf(question: Question): number {
  if (question.weight === 0) return 0;
  switch (question.type) {
    case 'single':
      return Math.max(0, ...question.options.map((o) => o.score));
    case 'multi':
      return question.maxScore ?? question.options.reduce((sum, o) => sum + Math.max(0, o.score), 0);
    case 'scale':
      return question.scored && question.max > question.min ? 1 : 0;
    case 'boolean':
      return Math.max(question.scores.yes, question.scores.no);
    case 'number':
      return question.scoreBands?.length ? Math.max(...question.scoreBands.map((b) => b.score)) : 0;
    case 'text':
      return 0;
  }
}
