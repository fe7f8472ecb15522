/**
 * One page per field of action: score and level, where the business stands,
 * its next step, the answers that helped and cost most, the scout's note and
 * the recommendations that fired for it.
 */
import type { DimensionScore, Question } from '../../questionnaires/engine/index.ts';
import { fillTemplate, sanitizeBlock } from '../report-text.ts';
import { answerItems, type AnswerItem } from './answers.ts';
import { levelRef, type Context, type LevelRef, type ReportInput } from './context.ts';
import { levelScaleAlt } from './figures.ts';
import type { RecommendationModel } from './highlights.ts';

export interface DimensionModel {
  id: string;
  /** „Handlungsfeld 2 von 7“ */
  kicker: string;
  title: string;
  shortTitle: string;
  description: string;
  hasBasis: boolean;
  score: number;
  scoreText: string;
  scoreLine: string;
  level: LevelRef;
  levelLine: string;
  /** Scores at which a new level starts (the lowest level's 0 left out). */
  /** What the score bar shows, for a screen reader. */
  scaleAlt: string;
  thresholds: number[];
  status: string;
  nextStep: string;
  nextLevel: { title: string; pointsToGo: number } | null;
  nextLevelLine: string;
  answeredLine: string;
  /** Up to three answers that earned the most points. */
  helped: AnswerItem[];
  /**
   * Up to three answers that left the most points on the table. An answer
   * that ranks in both lists is named only once, where it weighs more.
   */
  cost: AnswerItem[];
  peers: number | null;
  previous: number | null;
  /** Peer and earlier score, formatted, for the markers on the score bar. */
  comparisons: { kind: 'peers' | 'previous'; text: string }[];
  note: string | null;
  /** The recommendations that fired for this dimension, most potential first. */
  recommendations: RecommendationModel[];
}


/** Where the business is on the way to the next level, in words. */
function nextLevelOf(context: Context, score: DimensionScore, level: LevelRef): Pick<DimensionModel, 'nextLevel' | 'nextLevelLine'> {
  const { t, numbers } = context;
  const next = context.levels[level.index + 1];
  const nextLevel = score.hasBasis && next ? { title: next.title, pointsToGo: Math.round((next.minScore - score.score) * 10) / 10 } : null;
  const nextLevelLine = !score.hasBasis
    ? t.dimensions.noBasis
    : nextLevel
      ? fillTemplate(t.dimensions.toNextLevel, { points: numbers.score(nextLevel.pointsToGo), level: nextLevel.title })
      : t.dimensions.topLevel;
  return { nextLevel, nextLevelLine };
}

function comparisonsOf(context: Context, peers: number | null, previous: number | null): DimensionModel['comparisons'] {
  const { t, numbers } = context;
  return [
    ...(peers === null ? [] : [{ kind: 'peers' as const, text: fillTemplate(t.dimensions.peers, { score: numbers.score(peers) }) }]),
    ...(previous === null ? [] : [{ kind: 'previous' as const, text: fillTemplate(t.dimensions.previous, { score: numbers.score(previous) }) }]),
  ];
}

export function buildDimension(
  context: Context,
  input: ReportInput,
  score: DimensionScore,
  position: number,
  questions: Map<string, Question>,
): DimensionModel {
  const { t, numbers } = context;
  const dimension = context.dimensionById.get(score.id);
  if (!dimension) throw new Error(`the result names dimension "${score.id}", which the questionnaire does not define`);
  const level = levelRef(context, score.level);
  const levelText = dimension.levelTexts[score.level];
  const contributions = input.result.contributions.filter((c) => c.dimension === score.id);
  const { helped, cost } = answerItems(context, contributions, questions, input.answers);
  const peers = input.result.benchmark?.dimensions[score.id] ?? null;
  const previous = input.result.previous?.dimensions.find((d) => d.id === score.id)?.before ?? null;
  const rawNote = input.notes && Object.hasOwn(input.notes, score.id) ? input.notes[score.id] : undefined;
  const note = typeof rawNote === 'string' ? sanitizeBlock(rawNote) : '';
  const comparisons = comparisonsOf(context, peers, previous);
  return {
    id: score.id,
    kicker: fillTemplate(t.dimensions.kicker, { index: position + 1, count: input.result.dimensions.length }),
    title: context.line(dimension.title, 120),
    shortTitle: context.line(dimension.shortTitle ?? dimension.title, 60),
    description: sanitizeBlock(context.text(dimension.description), 2000),
    hasBasis: score.hasBasis,
    score: score.score,
    scoreText: numbers.score(score.score),
    scoreLine: fillTemplate(t.dimensions.scoreLine, { score: numbers.score(score.score) }),
    level,
    levelLine: fillTemplate(t.dimensions.level, { level: level.title }),
    thresholds: context.levels.map((l) => l.minScore).filter((value) => value > 0),
    scaleAlt: levelScaleAlt(context, score.hasBasis ? score.score : null, level, comparisons.map((c) => c.text), false),
    status: levelText ? sanitizeBlock(context.text(levelText.status), 2000) : '',
    nextStep: levelText ? sanitizeBlock(context.text(levelText.nextStep), 2000) : '',
    ...nextLevelOf(context, score, level),
    answeredLine: fillTemplate(t.dimensions.answered, { answered: score.answered, visible: score.visible }),
    helped,
    cost,
    peers,
    previous,
    comparisons,
    note: note === '' ? null : note,
    recommendations: [],
  };
}
