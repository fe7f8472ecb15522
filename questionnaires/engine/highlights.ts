/**
 * Strengths and fields of action, decided once: the web result, the PDF and
 * the scouts' view all show these lists, so they can never disagree.
 *
 * - Fields of action ("where you gain most") are the dimensions with the most
 *   digitalisation potential: the relevance-weighted gap (`priority`), then the
 *   lower score, then the questionnaire's order. A dimension without a gap is
 *   never one.
 * - Strengths are the best-scoring other dimensions, and only from a stated
 *   level on, so a business at 0 points is never told it is strong somewhere.
 */
import type { HighlightRules, Questionnaire } from './schema.ts';
import type { DimensionScore } from './score.ts';

export interface Highlights {
  /** The level from which a dimension may count as a strength. */
  strengthFromLevel: string;
  /** Dimension ids, best first; empty when no dimension reaches that level. */
  strengths: string[];
  /** Dimension ids, most potential first: the fields of action, "where you gain most". */
  actionFields: string[];
}

/** The rules in force: the questionnaire's, else strengths from the middle level on, two strengths, three fields of action. */
export function highlightRules(questionnaire: HighlightSource): HighlightRules {
  if (questionnaire.highlights) return questionnaire.highlights;
  const levels = [...questionnaire.levels].sort((a, b) => a.minScore - b.minScore);
  return { strengthFromLevel: levels[Math.floor(levels.length / 2)]!.id, maxStrengths: 2, maxActionFields: 3 };
}

/** What the rule reads from a questionnaire definition. */
export type HighlightSource = Pick<Questionnaire, 'levels' | 'highlights'>;

/** Dimensions with a basis, most need first: highest priority, then lowest score, then the questionnaire's order. */
export function rankDimensionsByNeed(dimensions: readonly DimensionScore[]): DimensionScore[] {
  return dimensions
    .map((d, order) => ({ d, order }))
    .filter(({ d }) => d.hasBasis)
    .sort((a, b) => b.d.priority - a.d.priority || a.d.score - b.d.score || a.order - b.order)
    .map(({ d }) => d);
}

/** Strengths and fields of action of scored dimensions (in the questionnaire's order). */
export function highlightsOf(questionnaire: HighlightSource, dimensions: readonly DimensionScore[]): Highlights {
  const rules = highlightRules(questionnaire);
  const minScore = (id: string) => questionnaire.levels.find((l) => l.id === id)?.minScore ?? 0;
  const threshold = minScore(rules.strengthFromLevel);
  const actionFields = rankDimensionsByNeed(dimensions)
    .filter((d) => d.priority > 0)
    .slice(0, rules.maxActionFields)
    .map((d) => d.id);
  const strengths = dimensions
    .map((d, order) => ({ d, order }))
    .filter(({ d }) => d.hasBasis && d.score > 0 && minScore(d.level) >= threshold && !actionFields.includes(d.id))
    .sort((a, b) => b.d.score - a.d.score || a.order - b.order)
    .slice(0, rules.maxStrengths)
    .map(({ d }) => d.id);
  return { strengthFromLevel: rules.strengthFromLevel, strengths, actionFields };
}

/**
 * The highlights of a stored result: those it carries, or — for a result
 * scored before results carried them — the same rule applied to its scores.
 */
export function resultHighlights(
  questionnaire: HighlightSource,
  result: { dimensions: readonly DimensionScore[]; highlights?: Highlights },
): Highlights {
  return result.highlights ?? highlightsOf(questionnaire, result.dimensions);
}
