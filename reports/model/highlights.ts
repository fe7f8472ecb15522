/**
 * Strengths and fields of action as the engine decides them (one rule for
 * web, PDF and scouts), and the recommendations that fired.
 */
import type { Questionnaire, ScoredResult } from '../../questionnaires/engine/index.ts';
import { resultHighlights } from '../../questionnaires/engine/index.ts';
import { fillTemplate, sanitizeBlock, sanitizeLine } from '../report-text.ts';
import { levelRef, type Context, type LevelRef } from './context.ts';
import type { DimensionModel } from './dimension.ts';

export interface RecommendationModel {
  id: string;
  dimensionId: string;
  dimensionTitle: string;
  title: string;
  text: string;
}

export interface HighlightModel {
  dimensionId: string;
  title: string;
  score: number;
  scoreLevelLine: string;
  level: LevelRef;
  text: string;
  recommendations: RecommendationModel[];
}

export interface HighlightsSection {
  strengthsHeading: string;
  strengthsIntro: string;
  /** The kind words when no dimension is a strength yet; null when there are strengths. */
  noStrengths: string | null;
  actionHeading: string;
  actionIntro: string;
  noActionFields: string | null;
  recommendationsLabel: string;
  noRecommendations: string;
}

export function buildRecommendations(context: Context, result: ScoredResult, dimensions: DimensionModel[]): RecommendationModel[] {
  const titles = new Map(dimensions.map((d) => [d.id, d.title]));
  return result.recommendations.map((r) => ({
    id: r.id,
    dimensionId: r.dimension,
    dimensionTitle: titles.get(r.dimension) ?? sanitizeLine(r.dimension, 64),
    title: context.line(r.title, 200),
    text: sanitizeBlock(context.text(r.text), 3000),
  }));
}

export function highlight(context: Context, dimension: DimensionModel, text: string, recommendations: RecommendationModel[]): HighlightModel {
  return {
    dimensionId: dimension.id,
    title: dimension.title,
    score: dimension.score,
    scoreLevelLine: fillTemplate(context.t.highlights.scoreLevel, { score: dimension.scoreText, level: dimension.level.title }),
    level: dimension.level,
    text,
    recommendations,
  };
}

/** The engine's strengths and fields of action (one rule for web, PDF and scouts), as dimension models. */
/** The engine's strengths and fields of action, as dimension models, with the strength level's title. */
export function highlightedDimensions(context: Context, questionnaire: Questionnaire, result: ScoredResult, dimensions: DimensionModel[]) {
  const highlights = resultHighlights(questionnaire, result);
  const byId = new Map(dimensions.map((d) => [d.id, d]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  return {
    strengthLevel: levelRef(context, highlights.strengthFromLevel).title,
    strengths: pick(highlights.strengths),
    actionFields: pick(highlights.actionFields),
  };
}

export function buildHighlightsSection(context: Context, strengths: number, actionFields: number, strengthLevel: string): HighlightsSection {
  const { t } = context;
  return {
    strengthsHeading: t.highlights.strengthsHeading,
    strengthsIntro: fillTemplate(t.highlights.strengthsIntro, { level: strengthLevel }),
    noStrengths: strengths ? null : fillTemplate(t.highlights.noStrengths, { level: strengthLevel }),
    actionHeading: t.highlights.actionHeading,
    actionIntro: t.highlights.actionIntro,
    noActionFields: actionFields ? null : t.highlights.noActionFields,
    recommendationsLabel: t.highlights.recommendations,
    noRecommendations: t.highlights.noRecommendations,
  };
}
