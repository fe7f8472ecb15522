/**
 * Text alternatives for the report's figures: what a screen reader says in
 * place of the radar chart, the level scale and the QR code. They name the
 * same figures the drawing shows, so nothing is only visible.
 */
import { fillTemplate } from '../report-text.ts';
import type { Context, LevelRef } from './context.ts';

export interface RadarSeriesValues {
  label: string;
  values: (number | null)[];
}

/** "Radar chart “…” …. Your business: Strategy 45, Customers 30, …. Peer group …: …." */
export function radarAlt(context: Context, title: string, axes: readonly string[], series: readonly RadarSeriesValues[]): string {
  const { t, numbers } = context;
  const lines = series.map((s) =>
    fillTemplate(t.accessibility.figureSeries, {
      label: s.label,
      values: axes.map((axis, i) => `${axis} ${s.values[i] == null ? t.accessibility.figureNoValue : numbers.score(s.values[i]!)}`).join(', '),
    }),
  );
  return fillTemplate(t.accessibility.figureRadar, { title, series: lines.join(' ') });
}

/** The level scale as words: each level's threshold, the marked score and the comparison ticks. */
export function levelScaleAlt(context: Context, score: number | null, level: LevelRef | null, markers: readonly string[], withLevels = true): string {
  const { t, numbers } = context;
  const levels = context.levels.map((l) => fillTemplate(t.accessibility.levelRange, { level: l.title, min: numbers.score(l.minScore) })).join(', ');
  // The summary names every level once; a dimension's bar only says where this score sits.
  const parts = withLevels ? [fillTemplate(t.accessibility.figureScale, { levels })] : [];
  if (score !== null && level) parts.push(fillTemplate(t.accessibility.figureScaleScore, { score: numbers.score(score), level: level.title }));
  if (markers.length) parts.push(fillTemplate(t.accessibility.figureScaleMarkers, { markers: markers.join(', ') }));
  return parts.join(' ');
}

export function figureQrAlt(context: Context, url: string): string {
  return fillTemplate(context.t.accessibility.figureQr, { url });
}
