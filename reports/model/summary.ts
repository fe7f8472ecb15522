/**
 * The one-page summary: the overall index and level, how it compares, the
 * strengths and fields of action by name, the level scale and the radar.
 */
import { fillTemplate, sanitizeLine } from '../report-text.ts';
import { levelRef, tradeLabel, type Context, type LevelRef, type ReportInput } from './context.ts';
import type { DimensionModel } from './dimension.ts';
import { levelScaleAlt, radarAlt } from './figures.ts';

export type RadarSeriesKind = 'business' | 'peers' | 'previous';

export interface RadarSeries {
  kind: RadarSeriesKind;
  label: string;
  /** One value (0–100) per axis; null where the series has no value. */
  values: (number | null)[];
}

export interface RadarModel {
  title: string;
  caption: string;
  axes: { id: string; label: string }[];
  /** Rings at the level thresholds, lowest first. */
  rings: { value: number; label: string }[];
  series: RadarSeries[];
  /** What the chart shows, for a screen reader. */
  alt: string;
}

export interface SummaryModel {
  heading: string;
  overallLabel: string;
  score: number;
  scoreText: string;
  outOf: string;
  levelLabel: string;
  level: LevelRef;
  levelDescription: string;
  intro: string;
  /** Lines under the score: peer average, earlier check. */
  comparisons: string[];
  levelScaleTitle: string;
  levelScaleAlt: string;
  radar: RadarModel;
  strengthsTitle: string;
  strengths: string[];
  /** Said instead of the list when no dimension reaches the strength level. */
  noStrengths: string | null;
  actionFieldsTitle: string;
  actionFields: string[];
  noActionFields: string | null;
}


export function buildRadar(context: Context, input: ReportInput, dimensions: DimensionModel[]): RadarModel {
  const { t } = context;
  const { result } = input;
  const series: RadarSeries[] = [
    { kind: 'business', label: t.summary.seriesBusiness, values: dimensions.map((d) => (d.hasBasis ? d.score : null)) },
  ];
  if (result.benchmark) {
    const template = result.benchmark.groupSize === 1 ? t.summary.seriesPeers.one : t.summary.seriesPeers.other;
    series.push({
      kind: 'peers',
      label: fillTemplate(template, {
        trade: tradeLabel(context, input.questionnaire, result.benchmark.trade) ?? result.benchmark.trade,
        count: result.benchmark.groupSize,
      }),
      values: dimensions.map((d) => d.peers),
    });
  }
  if (result.previous) {
    series.push({
      kind: 'previous',
      label: result.previous.sameVersion
        ? t.summary.seriesPrevious
        : fillTemplate(t.summary.seriesPreviousVersion, { version: sanitizeLine(result.previous.questionnaire.version, 32) }),
      values: dimensions.map((d) => d.previous),
    });
  }
  const axes = dimensions.map((d) => ({ id: d.id, label: d.shortTitle }));
  return {
    title: t.summary.radarTitle,
    caption: t.summary.radarCaption,
    axes,
    rings: context.levels.filter((l) => l.minScore > 0).map((l) => ({ value: l.minScore, label: l.title })),
    series,
    alt: radarAlt(context, t.summary.radarTitle, axes.map((a) => a.label), series),
  };
}

function comparisonLines(context: Context, input: ReportInput): string[] {
  const { t, numbers } = context;
  const { result } = input;
  const lines: string[] = [];
  if (result.benchmark) lines.push(fillTemplate(t.summary.peersOverall, { score: numbers.score(result.benchmark.overall) }));
  if (result.previous) {
    const { before, delta } = result.previous.overall;
    lines.push(fillTemplate(t.summary.previousOverall, { before: numbers.score(before), delta: numbers.delta(delta) }));
  }
  return lines;
}

export interface SummaryHighlights {
  strengths: DimensionModel[];
  actionFields: DimensionModel[];
  /** The title of the level from which a dimension counts as a strength. */
  strengthLevel: string;
}

export function buildSummary(context: Context, input: ReportInput, dimensions: DimensionModel[], highlights: SummaryHighlights): SummaryModel {
  const { t, numbers } = context;
  const { overall } = input.result;
  const level = levelRef(context, overall.level);
  const { strengths, actionFields } = highlights;
  return {
    heading: t.summary.heading,
    overallLabel: t.summary.overallLabel,
    score: overall.score,
    scoreText: numbers.score(overall.score),
    outOf: t.summary.outOf,
    levelLabel: t.summary.levelLabel,
    level,
    levelDescription: context.levelById.get(overall.level)!.description,
    intro: fillTemplate(t.summary.intro, { score: numbers.score(overall.score), level: level.title }),
    comparisons: comparisonLines(context, input),
    levelScaleTitle: t.summary.levelScale,
    levelScaleAlt: levelScaleAlt(context, overall.score, level, []),
    radar: buildRadar(context, input, dimensions),
    strengthsTitle: t.summary.strengths,
    strengths: strengths.map((d) => d.title),
    noStrengths: strengths.length ? null : fillTemplate(t.summary.noStrengths, { level: highlights.strengthLevel }),
    actionFieldsTitle: t.summary.actionFields,
    actionFields: actionFields.map((d) => d.title),
    noActionFields: actionFields.length ? null : t.summary.noActionFields,
  };
}
