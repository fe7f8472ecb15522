/**
 * Vector charts: the radar of the dimensions, the level scale with the score
 * and comparison ticks, and their legend swatches. A chart that carries
 * information is one Figure element with a text alternative from the model;
 * the swatches and ornaments beside text are artifacts.
 */
import type { LevelModel } from '../../model/context.ts';
import type { RadarModel, RadarSeriesKind } from '../../model/summary.ts';
import type { ReportLayout } from './layout.ts';
import { COLOR, CONTENT_WIDTH, MARGIN, STYLE, levelColor, mix, type Point, type TextStyle } from './style.ts';

/** Draws `draw` as one Figure with its alternative text and its box on the page. */
export function figure(layout: ReportLayout, alt: string, bbox: [number, number, number, number], draw: () => void): void {
  layout.tags.element('Figure', { alt, bbox }, () => {
    layout.tags.beginContent();
    draw();
    layout.tags.endContent();
  });
}

export function seriesStyle(kind: RadarSeriesKind): { color: string; width: number; dash: [number, number] | null; fill: number } {
  switch (kind) {
    case 'business':
      return { color: COLOR.primary, width: 1.6, dash: null, fill: 0.2 };
    case 'peers':
      return { color: COLOR.accent, width: 1.4, dash: [4, 2.5], fill: 0 };
    case 'previous':
      return { color: COLOR.faint, width: 1.2, dash: [1.2, 2], fill: 0 };
  }
}

function levelOf(levels: readonly LevelModel[], score: number): LevelModel {
  return levels.find((l) => score >= l.minScore && (score < l.maxScore || l.maxScore >= 100)) ?? levels[0]!;
}

export interface ScaleOptions {
  height: number;
  markers?: { value: number; kind: RadarSeriesKind }[];
}

function drawScaleBar(layout: ReportLayout, y: number, score: number | null, options: ScaleOptions, current: LevelModel | null): void {
  const { doc, model } = layout;
  const { levels } = model;
  const x = MARGIN.left;
  const scale = (value: number) => x + (Math.max(0, Math.min(100, value)) / 100) * CONTENT_WIDTH;
  for (const level of levels) {
    const color = levelColor(level.index, levels.length);
    doc.save().rect(scale(level.minScore), y, scale(level.maxScore) - scale(level.minScore), options.height).fill(mix(color, COLOR.white, 0.8)).restore();
  }
  if (score !== null && current && score > 0) doc.save().rect(x, y, scale(score) - x, options.height).fill(levelColor(current.index, levels.length)).restore();
  for (const level of levels) if (level.minScore > 0) doc.save().rect(scale(level.minScore) - 0.75, y, 1.5, options.height).fill(COLOR.white).restore();
  for (const marker of options.markers ?? []) {
    const style = seriesStyle(marker.kind);
    const mx = scale(marker.value);
    doc.save().lineWidth(1.8).strokeColor(style.color);
    if (style.dash) doc.dash(style.dash[0] / 2, { space: style.dash[1] / 2 });
    doc.moveTo(mx, y - 4).lineTo(mx, y + options.height + 4).stroke().restore();
  }
  if (score !== null) {
    const mx = scale(score);
    doc.save().moveTo(mx - 4, y - 6).lineTo(mx + 4, y - 6).lineTo(mx, y - 1).closePath().fill(COLOR.primary).restore();
  }
}

/** The level scale as a bar: one tinted segment per level, the score filled in, level names below. One Figure. */
export function drawLevelScale(layout: ReportLayout, y: number, score: number | null, alt: string, options: ScaleOptions): number {
  const { levels } = layout.model;
  const scale = (value: number) => MARGIN.left + (Math.max(0, Math.min(100, value)) / 100) * CONTENT_WIDTH;
  const current = score === null ? null : levelOf(levels, score);
  let bottom = y + options.height;
  const labelsHeight = layout.height('x', STYLE.tiny) + 3;
  figure(layout, alt, [MARGIN.left, y - 6, MARGIN.left + CONTENT_WIDTH, y + options.height + labelsHeight], () => {
    drawScaleBar(layout, y, score, options, current);
    for (const level of levels) {
      const left = scale(level.minScore);
      const style: TextStyle = current?.id === level.id ? { ...STYLE.tiny, font: 'bold', color: COLOR.text } : STYLE.tiny;
      layout.write(level.title, style, { x: left + 2, y: y + options.height + 3, width: Math.max(scale(level.maxScore) - left - 4, 10), align: 'center' });
      bottom = Math.max(bottom, layout.y);
    }
  });
  layout.y = bottom;
  return bottom;
}

/** A short vertical stroke in a series' style, as the score bars mark peers and the earlier check. */
export function drawMarkerSwatch(layout: ReportLayout, kind: 'peers' | 'previous', x: number, midY: number): void {
  const style = seriesStyle(kind);
  layout.decor((doc) => {
    doc.rect(x, midY - 3, 14, 6).fill(COLOR.tint);
    doc.lineWidth(1.8).strokeColor(style.color);
    if (style.dash) doc.dash(style.dash[0] / 2, { space: style.dash[1] / 2 });
    doc.moveTo(x + 7, midY - 5).lineTo(x + 7, midY + 5).stroke();
  });
}

interface Radar {
  radar: RadarModel;
  cx: number;
  cy: number;
  radius: number;
  angle: (i: number) => number;
  at: (value: number, i: number) => Point;
}

function drawRadarGrid(doc: PDFKit.PDFDocument, r: Radar): void {
  const { radar, cx, cy, radius } = r;
  const closed = radar.axes.length >= 3;
  const ring = (value: number): Point[] => radar.axes.map((_, i) => r.at(value, i));
  if (closed) doc.save().polygon(...ring(100)).fill(COLOR.tint).restore();
  doc.save().lineWidth(0.6).strokeColor(COLOR.rule);
  for (const level of radar.rings) {
    if (closed) doc.polygon(...ring(level.value)).stroke();
    else doc.circle(cx, cy, (radius * level.value) / 100).stroke();
  }
  doc.lineWidth(0.9).strokeColor('#B9C3CD');
  if (closed) doc.polygon(...ring(100)).stroke();
  else doc.circle(cx, cy, radius).stroke();
  doc.lineWidth(0.6).strokeColor('#C3CCD5');
  radar.axes.forEach((_, i) => doc.moveTo(cx, cy).lineTo(...r.at(100, i)).stroke());
  doc.restore();
}

function drawRadarSeries(doc: PDFKit.PDFDocument, r: Radar): void {
  for (const kind of ['previous', 'peers', 'business'] as const) {
    const series = r.radar.series.find((s) => s.kind === kind);
    if (!series) continue;
    const points = series.values.flatMap((value, i): Point[] => (value === null ? [] : [r.at(value, i)]));
    if (points.length === 0) continue;
    const style = seriesStyle(kind);
    if (points.length >= 3 && style.fill > 0) doc.save().fillColor(style.color).fillOpacity(style.fill).polygon(...points).fill().restore();
    doc.save().lineWidth(style.width).strokeColor(style.color).lineJoin('round');
    if (style.dash) doc.dash(style.dash[0], { space: style.dash[1] });
    if (points.length >= 3) doc.polygon(...points).stroke();
    else if (points.length === 2) doc.moveTo(...points[0]!).lineTo(...points[1]!).stroke();
    doc.restore();
    if (kind === 'business') for (const [x, y] of points) doc.save().circle(x, y, 2.2).fill(COLOR.primary).restore();
  }
}

function drawRadarLabels(layout: ReportLayout, r: Radar): void {
  const { doc } = layout;
  // Ring labels last, on a light ground, so the polygons never hide them.
  const ringLabel: TextStyle = { ...STYLE.tiny, size: 6, color: COLOR.muted };
  for (const ring of r.radar.rings) {
    const [, y] = r.at(ring.value, 0);
    const width = layout.widthOf(ring.label, ringLabel);
    doc.save().fillColor(COLOR.white).fillOpacity(0.75).roundedRect(r.cx + 2, y - 7.5, width + 4, 8, 1.5).fill().restore();
    layout.write(ring.label, ringLabel, { x: r.cx + 4, y: y - 7.5, width: width + 2, flow: false });
  }
  const valueStyle: TextStyle = { ...STYLE.small, font: 'bold', color: COLOR.primary };
  r.radar.axes.forEach((axis, i) => {
    const [x, y] = r.at(100, i);
    const cos = Math.cos(r.angle(i));
    const sin = Math.sin(r.angle(i));
    const width = 104;
    const dimension = layout.model.dimensions[i];
    const value = dimension?.hasBasis ? dimension.scoreText : null;
    const labelHeight = layout.height(axis.label, STYLE.smallStrong, width);
    const blockHeight = labelHeight + (value === null ? 0 : layout.height(value, valueStyle, width));
    const align = cos > 0.25 ? 'left' : cos < -0.25 ? 'right' : 'center';
    const left = align === 'left' ? x + 8 : align === 'right' ? x - 8 - width : x - width / 2;
    const top = sin < -0.5 ? y - 6 - blockHeight : sin > 0.5 ? y + 6 : y - blockHeight / 2;
    layout.write(axis.label, STYLE.smallStrong, { x: left, y: top, width, align, flow: false });
    if (value !== null) layout.write(value, valueStyle, { x: left, y: top + labelHeight, width, align, flow: false });
  });
}

/** The radar chart as one Figure whose alternative text names every value it shows. */
export function drawRadar(layout: ReportLayout, radar: RadarModel, cx: number, cy: number, radius: number): void {
  const count = radar.axes.length;
  if (count === 0) return;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / count;
  const at = (value: number, i: number): Point => {
    const r = (radius * Math.max(0, Math.min(100, value))) / 100;
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];
  };
  const r: Radar = { radar, cx, cy, radius, angle, at };
  const reach = radius + 36;
  figure(layout, radar.alt, [MARGIN.left, cy - reach, MARGIN.left + CONTENT_WIDTH, cy + reach], () => {
    drawRadarGrid(layout.doc, r);
    drawRadarSeries(layout.doc, r);
    drawRadarLabels(layout, r);
  });
}

/** The business's own profile as a quiet ornament in the cover band: decoration, an artifact. */
export function drawCoverOrnament(layout: ReportLayout, cx: number, cy: number, radius: number, values: readonly (number | null)[]): void {
  const sides = Math.max(values.length, 3);
  const corner = (r: number, i: number): Point => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / sides;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  };
  const ring = (r: number) => Array.from({ length: sides }, (_, i) => corner(r, i));
  layout.decor((doc) => {
    doc.save().lineWidth(0.8).strokeColor(COLOR.white).strokeOpacity(0.16);
    for (const share of [0.2, 0.4, 0.6, 0.8, 1]) doc.polygon(...ring(radius * share)).stroke();
    for (const [x, y] of ring(radius)) doc.moveTo(cx, cy).lineTo(x, y).stroke();
    doc.restore();
    if (values.length < 3) return;
    const shape = values.map((value, i) => corner(radius * Math.max(0.06, Math.min(1, (value ?? 0) / 100)), i));
    doc.save().fillColor(COLOR.accent).fillOpacity(0.3).polygon(...shape).fill().restore();
    doc.save().lineWidth(1.4).strokeColor(COLOR.accent).lineJoin('round').polygon(...shape).stroke().restore();
  });
}
