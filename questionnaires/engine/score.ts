/**
 * Scoring: each dimension 0–100 as the weighted mean of its answered,
 * applicable, visible questions (each normalised to its best answer); the
 * overall index as the weighted mean of the dimensions that have a basis.
 */
import { levelFor, type PreparedQuestionnaire } from './prepared.ts';
import { NOT_APPLICABLE } from './not-applicable.ts';
import type { AnswerSet, AnswerValue, Question } from './schema.ts';
import { resolveVisibility } from './visibility.ts';

export type AnswerStatus = 'answered' | 'not-applicable' | 'unanswered';

/** How one visible, scored question shaped its dimension's score. */
export interface QuestionContribution {
  questionId: string;
  dimension: string;
  status: AnswerStatus;
  /** 0–1: how far the answer reaches the best answer; null when not scored. */
  normalized: number | null;
  weight: number;
  /** Score points (0–100 scale of the dimension) this answer earned … */
  points: number;
  /** … out of these. `maxPoints - points` is what the answer cost. */
  maxPoints: number;
  /** Relevance the business gave, 1–5, or null. */
  relevance: number | null;
  /** Relevance minus implementation (0–100), where relevance was given. */
  potential: number | null;
  /** The gap used for ranking: potential, assuming full relevance where none was given. */
  gap: number | null;
}

export interface DimensionScore {
  id: string;
  /** 0–100, one decimal. 0 when nothing scorable was answered (`hasBasis: false`). */
  score: number;
  level: string;
  /** Share (0–1) of the visible questions that have an answer ("not applicable" included). */
  completeness: number;
  answered: number;
  visible: number;
  hasBasis: boolean;
  /** Weighted mean potential of the questions rated for relevance; null when none was rated. */
  potential: number | null;
  /** Ranking key for recommendations and referrals: mean gap, relevance-weighted (0–100). */
  priority: number;
}

export interface Scores {
  overall: { score: number; level: string };
  dimensions: DimensionScore[];
  contributions: QuestionContribution[];
  /** Answers of visible questions: what the rules see. */
  effectiveAnswers: Map<string, AnswerValue>;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Raw points of an answer, before normalisation; null for "not applicable". */
function pointsOf(question: Question, value: AnswerValue): number | null {
  if (value === NOT_APPLICABLE && question.type !== 'text') return null;
  switch (question.type) {
    case 'single':
      return question.options.find((o) => o.id === value)?.score ?? 0;
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return question.options.reduce((sum, o) => (chosen.includes(o.id) ? sum + o.score : sum), 0);
    }
    case 'scale':
      return typeof value === 'number' ? (value - question.min) / (question.max - question.min) : 0;
    case 'boolean':
      return value === true ? question.scores.yes : question.scores.no;
    case 'number': {
      let score = 0;
      if (typeof value === 'number') for (const band of question.scoreBands ?? []) if (value >= band.atLeast) score = Math.max(score, band.score);
      return score;
    }
    case 'text':
      return 0;
  }
}

export function scoreAnswers(
  prepared: PreparedQuestionnaire,
  set: Pick<AnswerSet, 'answers' | 'profile'> & { relevance?: AnswerSet['relevance'] },
): Scores {
  const { visible, effectiveAnswers } = resolveVisibility(prepared, set.answers, set.profile);
  const relevance = set.relevance ?? {};
  const byDimension = new Map<string, QuestionContribution[]>();
  const counts = new Map<string, { answered: number; visible: number }>();
  for (const dimension of prepared.definition.dimensions) {
    byDimension.set(dimension.id, []);
    counts.set(dimension.id, { answered: 0, visible: 0 });
  }

  for (const { question, dimension } of visible) {
    const count = counts.get(dimension)!;
    const value = effectiveAnswers.get(question.id);
    count.visible += 1;
    if (value !== undefined) count.answered += 1;
    const max = prepared.maxPoints.get(question.id) ?? 0;
    if (max <= 0) continue;
    const raw = value === undefined ? null : pointsOf(question, value);
    const normalized = raw === null ? null : Math.min(1, Math.max(0, raw / max));
    const rating = question.relevance && Object.hasOwn(relevance, question.id) ? relevance[question.id]! : null;
    const implementation = normalized === null ? null : normalized * 100;
    const relevancePct = rating === null ? null : ((rating - 1) / 4) * 100;
    byDimension.get(dimension)!.push({
      questionId: question.id,
      dimension,
      status: value === undefined ? 'unanswered' : normalized === null ? 'not-applicable' : 'answered',
      normalized,
      weight: question.weight,
      points: 0,
      maxPoints: 0,
      relevance: rating,
      potential: implementation === null || relevancePct === null ? null : round1(Math.max(0, relevancePct - implementation)),
      gap: implementation === null ? null : round1(Math.max(0, (relevancePct ?? 100) - implementation)),
    });
  }

  const dimensions: DimensionScore[] = [];
  const contributions: QuestionContribution[] = [];
  let overallSum = 0;
  let overallWeight = 0;
  for (const dimension of prepared.definition.dimensions) {
    const items = byDimension.get(dimension.id)!;
    const { answered, visible: visibleCount } = counts.get(dimension.id)!;
    let weightSum = 0;
    let weighted = 0;
    let gapSum = 0;
    let potentialSum = 0;
    let potentialWeight = 0;
    for (const item of items) {
      if (item.normalized === null) continue;
      weightSum += item.weight;
      weighted += item.weight * item.normalized;
      gapSum += item.weight * item.gap!;
      if (item.potential !== null) {
        potentialSum += item.weight * item.potential;
        potentialWeight += item.weight;
      }
    }
    const hasBasis = weightSum > 0;
    for (const item of items) {
      if (item.normalized === null || !hasBasis) continue;
      item.maxPoints = round1((100 * item.weight) / weightSum);
      item.points = round1((100 * item.weight * item.normalized) / weightSum);
    }
    contributions.push(...items);
    const score = hasBasis ? round1((100 * weighted) / weightSum) : 0;
    dimensions.push({
      id: dimension.id,
      score,
      level: levelFor(prepared, score).id,
      completeness: visibleCount === 0 ? 1 : Math.round((answered / visibleCount) * 1000) / 1000,
      answered,
      visible: visibleCount,
      hasBasis,
      potential: potentialWeight > 0 ? round1(potentialSum / potentialWeight) : null,
      priority: hasBasis ? round1(gapSum / weightSum) : 0,
    });
    if (hasBasis) {
      overallSum += dimension.weight * score;
      overallWeight += dimension.weight;
    }
  }
  const overallScore = overallWeight > 0 ? round1(overallSum / overallWeight) : 0;
  return {
    overall: { score: overallScore, level: levelFor(prepared, overallScore).id },
    dimensions,
    contributions,
    effectiveAnswers,
  };
}
