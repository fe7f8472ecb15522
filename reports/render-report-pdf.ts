/**
 * Lays a report model out as an A4 PDF: cover, one-page summary with a radar
 * chart, the fields of action, strengths and recommendations, referrals,
 * progress and next steps. Everything is vector graphics and embedded
 * TrueType text; page furniture (running header, footer, page numbers) is
 * drawn last, once the page count is known.
 */
import PDFDocument from 'pdfkit';
import { create as createQrCode } from 'qrcode';
import type {
  AnswerItem,
  DimensionModel,
  HighlightModel,
  LevelModel,
  LinkModel,
  PartnerModel,
  ProgressModel,
  RadarModel,
  RadarSeriesKind,
  RecommendationModel,
  ReportModel,
  WorkshopModel,
} from './build-report-model.ts';
import { loadReportFonts, registerReportFonts, type FontName, type ReportFonts } from './report-fonts.ts';
import { fillTemplate } from './report-text.ts';
import { wrapText, type WrappedLine } from './wrap-text.ts';

// Parsed once per process (or worker): parsing dominates a render otherwise.
const FONTS: ReportFonts = loadReportFonts();

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 76, bottom: 80, left: 64, right: 64 } as const;
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLUMN_GAP = 24;
const COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2;

const COLOR = {
  primary: '#1B3A5C',
  primaryDeep: '#132B45',
  accent: '#D9822B',
  text: '#1F2933',
  muted: '#5F6B76',
  faint: '#8A959F',
  rule: '#D3DAE1',
  tint: '#EEF2F6',
  white: '#FFFFFF',
  positive: '#2F7D5B',
  negative: '#B5483B',
  qr: '#111111',
} as const;

/** Low to high; levels in between are interpolated, so any number of levels gets a scale. */
const LEVEL_STOPS = ['#B5483B', '#D9822B', '#D6B03A', '#7FA660', '#2F8A6E'] as const;

interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  lineGap?: number;
  characterSpacing?: number;
}

const STYLE = {
  h1: { font: 'bold', size: 20, color: COLOR.primary, lineGap: 1 },
  h2: { font: 'bold', size: 13.5, color: COLOR.primary, lineGap: 1 },
  h3: { font: 'bold', size: 10.5, color: COLOR.text, lineGap: 1.5 },
  lead: { font: 'regular', size: 11, color: COLOR.text, lineGap: 3 },
  body: { font: 'regular', size: 9.75, color: COLOR.text, lineGap: 2.4 },
  bodyStrong: { font: 'bold', size: 9.75, color: COLOR.text, lineGap: 2.4 },
  small: { font: 'regular', size: 8.5, color: COLOR.muted, lineGap: 1.6 },
  smallStrong: { font: 'bold', size: 8.5, color: COLOR.text, lineGap: 1.6 },
  label: { font: 'bold', size: 7.5, color: COLOR.muted, characterSpacing: 0.5 },
  link: { font: 'regular', size: 8.5, color: COLOR.primary, lineGap: 1.6 },
  tiny: { font: 'regular', size: 7, color: COLOR.muted, lineGap: 1 },
} satisfies Record<string, TextStyle>;

type Point = [number, number];

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function mix(hex: string, other: string, share: number): string {
  const a = hexToRgb(hex);
  const b = hexToRgb(other);
  return rgbToHex([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * share) as [number, number, number]);
}

function levelColor(index: number, count: number): string {
  if (count <= 1) return LEVEL_STOPS[LEVEL_STOPS.length - 1]!;
  const position = (Math.max(0, Math.min(index, count - 1)) / (count - 1)) * (LEVEL_STOPS.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, LEVEL_STOPS.length - 1);
  return mix(LEVEL_STOPS[lower]!, LEVEL_STOPS[upper]!, position - lower);
}

/** Replaces characters the typeface cannot show, so nothing prints as an empty box. */
function printable(text: string): string {
  // Most text is plain Latin, which the typeface covers; only the rest is checked glyph by glyph.
  if (/^[\n\u0020-\u007E\u00A0-\u017F\u2013-\u201E\u2026\u20AC]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    out += char === '\n' || FONTS.regular.hasGlyph(char.codePointAt(0)!) ? char : '?';
  }
  return out;
}

interface WriteOptions {
  x?: number;
  y?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  link?: string;
  underline?: boolean;
  /** Continue on a new page when the text reaches the bottom margin (default). */
  flow?: boolean;
}

/** pdfkit options it does not type: the measured width spares it measuring each line again. */
type LineOptions = PDFKit.Mixins.TextOptions & { textWidth?: number; wordCount?: number };

class ReportLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly model: ReportModel;
  /** Page indexes that carry no running header (the cover). */
  readonly plainPages = new Set<number>();
  private readonly wrapped = new Map<string, WrappedLine[]>();
  /** The fill colour in force for text on this page; shapes change colours only inside save/restore. */
  private textColor: string | null = null;

  constructor(doc: PDFKit.PDFDocument, model: ReportModel) {
    this.doc = doc;
    this.model = model;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  use(style: TextStyle): void {
    this.doc.font(style.font).fontSize(style.size);
    if (style.color !== this.textColor) {
      this.doc.fillColor(style.color);
      this.textColor = style.color;
    }
  }

  /** A new or revisited page starts with the default graphics state. */
  switchToPage(index: number): void {
    this.doc.switchToPage(index);
    this.textColor = null;
  }

  private measure(style: TextStyle): (text: string) => number {
    const face = FONTS[style.font];
    const spacing = style.characterSpacing ?? 0;
    return (text) => (face.advance(text) * style.size) / 1000 + spacing * text.length;
  }

  private lineStep(style: TextStyle): number {
    return FONTS[style.font].lineHeight(style.size) + (style.lineGap ?? 0);
  }

  lines(text: string, style: TextStyle, width: number): WrappedLine[] {
    const key = `${style.font}|${style.size}|${style.characterSpacing ?? 0}|${width}|${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      lines = wrapText(printable(text), width, this.measure(style));
      this.wrapped.set(key, lines);
    }
    return lines;
  }

  height(text: string, style: TextStyle, width: number = CONTENT_WIDTH): number {
    if (text === '') return 0;
    return this.lines(text, style, width).length * this.lineStep(style);
  }

  /** The text on a single line, shortened with an ellipsis when it is wider than `width`. */
  oneLine(text: string, style: TextStyle, width: number): string {
    const lines = this.lines(text, style, width);
    if (lines.length <= 1) return lines[0]?.text ?? '';
    const measure = this.measure(style);
    const room = width - measure('…');
    let line = '';
    let used = 0;
    for (const char of printable(text.replace(/\s+/g, ' '))) {
      used += measure(char);
      if (used > room) break;
      line += char;
    }
    return `${line.trimEnd()}…`;
  }

  widthOf(text: string, style: TextStyle): number {
    return this.measure(style)(printable(text));
  }

  /** Writes at (x, y) or at the cursor and leaves the cursor below; returns the height used on the last page. */
  write(text: string, style: TextStyle, options: WriteOptions = {}): number {
    if (text === '') return 0;
    const x = options.x ?? MARGIN.left;
    const width = options.width ?? CONTENT_WIDTH;
    const step = this.lineStep(style);
    const lineHeight = FONTS[style.font].lineHeight(style.size);
    const flow = options.flow ?? true;
    let top = options.y ?? this.doc.y;
    let y = top;
    this.use(style);
    for (const line of this.lines(text, style, width)) {
      if (flow && y + lineHeight > BOTTOM && y > MARGIN.top + 1) {
        this.newPage();
        this.use(style);
        top = y = MARGIN.top;
      }
      if (line.text !== '') {
        const offset = options.align === 'right' ? width - line.width : options.align === 'center' ? (width - line.width) / 2 : 0;
        const lineOptions: LineOptions = {
          lineBreak: false,
          characterSpacing: style.characterSpacing ?? 0,
          textWidth: line.width,
          wordCount: line.text.split(' ').length,
          ...(options.link ? { link: options.link, underline: options.underline ?? false } : {}),
        };
        this.doc.text(line.text, x + offset, y, lineOptions);
      }
      y += step;
    }
    this.doc.x = MARGIN.left;
    this.doc.y = y;
    return y - top;
  }

  label(text: string, options: WriteOptions = {}): number {
    return this.write(text.toLocaleUpperCase(this.model.lang), STYLE.label, options);
  }

  labelHeight(text: string, width: number = CONTENT_WIDTH): number {
    return this.height(text.toLocaleUpperCase(this.model.lang), STYLE.label, width);
  }

  newPage(): void {
    this.doc.addPage();
    this.textColor = null;
    this.doc.y = MARGIN.top;
  }

  /** Starts a new page unless `needed` points still fit on this one. */
  ensure(needed: number): void {
    if (this.doc.y + needed > BOTTOM && this.doc.y > MARGIN.top + 1) this.newPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  /** Where a block starts, to draw its side rule once it is written, on whichever page it ended. */
  mark(): { y: number; page: number } {
    return { y: this.doc.y, page: this.pageIndex };
  }

  /** A vertical rule beside a block from `start` to the cursor; a block that moved on to a new page gets its rule there. */
  sideRule(start: { y: number; page: number }, x: number, width: number, color: string, inset = 1): void {
    const top = start.page === this.pageIndex ? start.y + inset : MARGIN.top;
    const height = this.doc.y - top - inset;
    if (height > 0) this.doc.save().rect(x, top, width, height).fill(color).restore();
  }

  rule(y: number = this.doc.y, color: string = COLOR.rule): void {
    this.doc.save().moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(0.6).strokeColor(color).stroke().restore();
  }

  /** A section heading with an accent bar; keeps `keepWith` points of what follows on the same page. */
  heading(text: string, intro: string | null, keepWith = 90): void {
    const height = this.height(text, STYLE.h1) + (intro ? 8 + this.height(intro, STYLE.lead) : 0);
    this.ensure(height + 18 + keepWith);
    const top = this.y;
    this.doc.save().rect(MARGIN.left, top + 2, 28, 3).fill(COLOR.accent).restore();
    this.y = top + 12;
    this.write(text, STYLE.h1);
    if (intro) {
      this.gap(6);
      this.write(intro, STYLE.lead, { width: CONTENT_WIDTH - 40 });
    }
    this.gap(16);
  }

  /** Space before a major section, or a new page when most of this one is used. */
  section(): void {
    if (this.y > MARGIN.top + 0.62 * (BOTTOM - MARGIN.top)) this.newPage();
    else this.gap(22);
  }

  subheading(text: string, keepWith = 60): void {
    this.ensure(this.height(text, STYLE.h2) + 8 + keepWith);
    this.write(text, STYLE.h2);
    this.gap(6);
  }
}


// ---------------------------------------------------------------------------
// Cover

function drawCover(layout: ReportLayout): void {
  const { doc, model } = layout;
  const { cover, summary } = model;
  layout.plainPages.add(layout.pageIndex);
  const bandHeight = 372;
  doc.save().rect(0, 0, PAGE.width, bandHeight).fill(COLOR.primary).restore();
  const shape = summary.radar.series.find((s) => s.kind === 'business')?.values ?? [];
  drawCoverOrnament(doc, PAGE.width - 150, 196, 118, shape);
  doc.save().rect(MARGIN.left, 96, 40, 4).fill(COLOR.accent).restore();

  const kickerStyle: TextStyle = { ...STYLE.label, size: 10, color: '#C9D6E3', characterSpacing: 0.6 };
  layout.write(cover.kicker.toLocaleUpperCase(model.lang), kickerStyle, { y: 116, width: 300, flow: false });
  layout.write(cover.title, { font: 'bold', size: 36, color: COLOR.white }, { y: 136, width: 300, flow: false });
  const companyTop = Math.max(doc.y + 16, 208);
  const companyStyle: TextStyle = { font: 'regular', size: 21, color: COLOR.white, lineGap: 2 };
  const companyLines = layout.lines(cover.company, companyStyle, 290);
  const company = companyLines.length > 4 ? `${companyLines.slice(0, 4).map((l) => l.text).join(' ')}…` : cover.company;
  layout.write(company, companyStyle, { y: companyTop, width: 290, flow: false });

  let y = bandHeight + 44;
  const labelWidth = 150;
  for (const fact of cover.facts) {
    const height = Math.max(layout.height(fact.value, STYLE.lead, CONTENT_WIDTH - labelWidth), 14);
    layout.label(fact.label, { y: y + 3.5, width: labelWidth - 12, flow: false });
    layout.write(fact.value, STYLE.lead, { x: MARGIN.left + labelWidth, y, width: CONTENT_WIDTH - labelWidth, flow: false });
    y += height + 8;
    layout.rule(y - 4);
  }

  y += 24;
  const color = levelColor(summary.level.index, model.levels.length);
  doc.save().roundedRect(MARGIN.left, y, CONTENT_WIDTH, 64, 3).fill(COLOR.tint).restore();
  doc.save().rect(MARGIN.left, y, 5, 64).fill(color).restore();
  const scoreStyle: TextStyle = { font: 'bold', size: 30, color: COLOR.primary };
  layout.write(summary.scoreText, scoreStyle, { x: MARGIN.left + 22, y: y + 12, width: 100, flow: false });
  const scoreWidth = layout.widthOf(summary.scoreText, scoreStyle);
  layout.write(summary.outOf, STYLE.small, { x: MARGIN.left + 28 + scoreWidth, y: y + 30, width: 110, flow: false });
  layout.label(summary.overallLabel, { x: MARGIN.left + 190, y: y + 16, width: CONTENT_WIDTH - 210, flow: false });
  layout.write(summary.level.title, { font: 'bold', size: 16, color: COLOR.primary }, { x: MARGIN.left + 190, y: y + 28, width: CONTENT_WIDTH - 210, flow: false });

  const confidentialHeight = layout.height(cover.confidential, STYLE.small);
  const operatorHeight = layout.height(cover.operator, STYLE.h3);
  const operatorTop = Math.max(y + 64 + 24, BOTTOM - 8 - confidentialHeight - operatorHeight - 26);
  layout.label(cover.operatorLabel, { y: operatorTop });
  layout.write(cover.operator, STYLE.h3, { y: doc.y + 2 });
  layout.write(cover.confidential, STYLE.small, { y: doc.y + 8 });
}

/** The business's own profile as a quiet ornament: the radar shape in the cover band. */
function drawCoverOrnament(doc: PDFKit.PDFDocument, cx: number, cy: number, radius: number, values: readonly (number | null)[]): void {
  const sides = Math.max(values.length, 3);
  const corner = (r: number, i: number): Point => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / sides;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  };
  const ring = (r: number) => Array.from({ length: sides }, (_, i) => corner(r, i));
  doc.save().lineWidth(0.8).strokeColor(COLOR.white).strokeOpacity(0.16);
  for (const share of [0.2, 0.4, 0.6, 0.8, 1]) doc.polygon(...ring(radius * share)).stroke();
  for (const [x, y] of ring(radius)) doc.moveTo(cx, cy).lineTo(x, y).stroke();
  doc.restore();
  if (values.length < 3) return;
  const shape = values.map((value, i) => corner(radius * Math.max(0.06, Math.min(1, (value ?? 0) / 100)), i));
  doc.save().fillColor(COLOR.accent).fillOpacity(0.3).polygon(...shape).fill().restore();
  doc.save().lineWidth(1.4).strokeColor(COLOR.accent).lineJoin('round').polygon(...shape).stroke().restore();
}

// ---------------------------------------------------------------------------
// Summary

function levelOf(levels: readonly LevelModel[], score: number): LevelModel {
  return levels.find((l) => score >= l.minScore && (score < l.maxScore || l.maxScore >= 100)) ?? levels[0]!;
}

/** The level scale as a bar: one tinted segment per level, the score filled in, level names below. */
function drawLevelScale(
  layout: ReportLayout,
  y: number,
  score: number | null,
  options: { height: number; markers?: { value: number; kind: RadarSeriesKind }[] },
): number {
  const { doc, model } = layout;
  const { levels } = model;
  const x = MARGIN.left;
  const width = CONTENT_WIDTH;
  const scale = (value: number) => x + (Math.max(0, Math.min(100, value)) / 100) * width;
  for (const level of levels) {
    const color = levelColor(level.index, levels.length);
    doc.save().rect(scale(level.minScore), y, scale(level.maxScore) - scale(level.minScore), options.height).fill(mix(color, COLOR.white, 0.8)).restore();
  }
  const current = score === null ? null : levelOf(levels, score);
  if (score !== null && current && score > 0) {
    doc.save().rect(x, y, scale(score) - x, options.height).fill(levelColor(current.index, levels.length)).restore();
  }
  for (const level of levels) {
    if (level.minScore > 0) doc.save().rect(scale(level.minScore) - 0.75, y, 1.5, options.height).fill(COLOR.white).restore();
  }
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
  let bottom = y + options.height;
  for (const level of levels) {
    const left = scale(level.minScore);
    const active = current?.id === level.id;
    const style: TextStyle = active ? { ...STYLE.tiny, font: 'bold', color: COLOR.text } : STYLE.tiny;
    layout.write(level.title, style, { x: left + 2, y: y + options.height + 3, width: Math.max(scale(level.maxScore) - left - 4, 10), align: 'center' });
    bottom = Math.max(bottom, doc.y);
  }
  layout.y = bottom;
  return bottom;
}

/** A short vertical stroke in a series' style, as the score bars mark peers and the earlier check. */
function drawMarkerSwatch(doc: PDFKit.PDFDocument, kind: 'peers' | 'previous', x: number, midY: number): void {
  const style = seriesStyle(kind);
  doc.save().rect(x, midY - 3, 14, 6).fill(COLOR.tint).restore();
  doc.save().lineWidth(1.8).strokeColor(style.color);
  if (style.dash) doc.dash(style.dash[0] / 2, { space: style.dash[1] / 2 });
  doc.moveTo(x + 7, midY - 5).lineTo(x + 7, midY + 5).stroke().restore();
}

function seriesStyle(kind: RadarSeriesKind): { color: string; width: number; dash: [number, number] | null; fill: number } {
  switch (kind) {
    case 'business':
      return { color: COLOR.primary, width: 1.6, dash: null, fill: 0.2 };
    case 'peers':
      return { color: COLOR.accent, width: 1.4, dash: [4, 2.5], fill: 0 };
    case 'previous':
      return { color: COLOR.faint, width: 1.2, dash: [1.2, 2], fill: 0 };
  }
}

function drawRadar(layout: ReportLayout, radar: RadarModel, cx: number, cy: number, radius: number): void {
  const { doc } = layout;
  const count = radar.axes.length;
  if (count === 0) return;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / count;
  const at = (value: number, i: number): Point => {
    const r = (radius * Math.max(0, Math.min(100, value))) / 100;
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];
  };
  const ring = (value: number): Point[] => radar.axes.map((_, i) => at(value, i));
  const closedShape = count >= 3;

  if (closedShape) doc.save().polygon(...ring(100)).fill(COLOR.tint).restore();
  doc.save().lineWidth(0.6).strokeColor(COLOR.rule);
  for (const r of radar.rings) {
    if (closedShape) doc.polygon(...ring(r.value)).stroke();
    else doc.circle(cx, cy, (radius * r.value) / 100).stroke();
  }
  doc.lineWidth(0.9).strokeColor('#B9C3CD');
  if (closedShape) doc.polygon(...ring(100)).stroke();
  else doc.circle(cx, cy, radius).stroke();
  doc.lineWidth(0.6).strokeColor('#C3CCD5');
  radar.axes.forEach((_, i) => {
    const [x, y] = at(100, i);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
  });
  doc.restore();

  for (const kind of ['previous', 'peers', 'business'] as const) {
    const series = radar.series.find((s) => s.kind === kind);
    if (!series) continue;
    const points = series.values.flatMap((value, i): Point[] => (value === null ? [] : [at(value, i)]));
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

  // Ring labels last, on a light ground, so the polygons never hide them.
  const ringLabel: TextStyle = { ...STYLE.tiny, size: 6, color: COLOR.muted };
  for (const r of radar.rings) {
    const [, y] = at(r.value, 0);
    const width = layout.widthOf(r.label, ringLabel);
    doc.save().fillColor(COLOR.white).fillOpacity(0.75).roundedRect(cx + 2, y - 7.5, width + 4, 8, 1.5).fill().restore();
    layout.write(r.label, ringLabel, { x: cx + 4, y: y - 7.5, width: width + 2, flow: false });
  }

  const valueStyle: TextStyle = { ...STYLE.small, font: 'bold', color: COLOR.primary };
  radar.axes.forEach((axis, i) => {
    const [x, y] = at(100, i);
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
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

function legendHeight(layout: ReportLayout, radar: RadarModel): number {
  return radar.series.reduce((sum, s) => sum + Math.max(layout.height(s.label, STYLE.small, CONTENT_WIDTH - 180), 11) + 3, 0);
}

function drawLegend(layout: ReportLayout, radar: RadarModel, y: number): number {
  const { doc } = layout;
  let cursor = y;
  const x = MARGIN.left + 70;
  for (const series of radar.series) {
    const style = seriesStyle(series.kind);
    if (series.kind === 'business') doc.save().fillColor(style.color).fillOpacity(style.fill).rect(x, cursor + 1.5, 26, 8).fill().restore();
    doc.save().lineWidth(style.width + 0.3).strokeColor(style.color);
    if (style.dash) doc.dash(style.dash[0], { space: style.dash[1] });
    doc.moveTo(x, cursor + 5.5).lineTo(x + 26, cursor + 5.5).stroke().restore();
    const height = layout.write(series.label, STYLE.small, { x: x + 36, y: cursor, width: CONTENT_WIDTH - 180 });
    cursor += Math.max(height, 11) + 3;
  }
  return cursor;
}

function drawSummary(layout: ReportLayout): void {
  const { doc, model } = layout;
  const { summary } = model;
  layout.newPage();
  layout.heading(summary.heading, null, 200);

  const top = layout.y;
  const panelWidth = 166;
  const inner = panelWidth - 30;
  const color = levelColor(summary.level.index, model.levels.length);
  const levelStyle: TextStyle = { font: 'bold', size: 14, color: COLOR.text, lineGap: 1 };
  const comparisonsHeight = summary.comparisons.reduce((sum, line) => sum + layout.height(line, STYLE.small, inner) + 3, 0);
  const panelHeight = 118 + layout.height(summary.level.title, levelStyle, inner) + comparisonsHeight + (comparisonsHeight ? 6 : 0);
  doc.save().roundedRect(MARGIN.left, top, panelWidth, panelHeight, 3).fill(COLOR.tint).restore();
  doc.save().rect(MARGIN.left, top, 5, panelHeight).fill(color).restore();
  layout.label(summary.overallLabel, { x: MARGIN.left + 18, y: top + 14, width: inner });
  layout.write(summary.scoreText, { font: 'bold', size: 44, color: COLOR.primary }, { x: MARGIN.left + 16, y: top + 24, width: inner + 4 });
  layout.write(summary.outOf, STYLE.small, { x: MARGIN.left + 18, y: top + 80, width: inner });
  doc.save().roundedRect(MARGIN.left + 18, top + 100, 22, 4, 2).fill(color).restore();
  layout.write(summary.level.title, levelStyle, { x: MARGIN.left + 18, y: top + 108, width: inner });
  let panelY = doc.y + 6;
  for (const line of summary.comparisons) {
    layout.write(line, STYLE.small, { x: MARGIN.left + 18, y: panelY, width: inner });
    panelY = doc.y + 3;
  }

  const textX = MARGIN.left + panelWidth + COLUMN_GAP;
  const textWidth = CONTENT_WIDTH - panelWidth - COLUMN_GAP;
  layout.write(summary.intro, { ...STYLE.lead, font: 'bold', color: COLOR.primary }, { x: textX, y: top + 2, width: textWidth });
  layout.write(summary.levelDescription, STYLE.body, { x: textX, y: doc.y + 6, width: textWidth });
  const listsTop = doc.y + 12;
  const listWidth = (textWidth - 16) / 2;
  const drawList = (title: string, items: string[], empty: string | null, x: number, accent: string): number => {
    layout.label(title, { x, y: listsTop, width: listWidth });
    let y = doc.y + 5;
    if (items.length === 0 && empty) {
      layout.write(empty, STYLE.small, { x, y, width: listWidth });
      return doc.y + 3;
    }
    for (const item of items) {
      doc.save().rect(x, y + 2, 2.5, 8).fill(accent).restore();
      layout.write(item, STYLE.smallStrong, { x: x + 9, y, width: listWidth - 9 });
      y = doc.y + 3;
    }
    return y;
  };
  const leftEnd = drawList(summary.strengthsTitle, summary.strengths, summary.noStrengths, textX, COLOR.positive);
  const rightEnd = drawList(summary.actionFieldsTitle, summary.actionFields, summary.noActionFields, textX + listWidth + 16, COLOR.accent);

  layout.y = Math.max(top + panelHeight, leftEnd, rightEnd) + 20;
  layout.ensure(56);
  layout.label(summary.levelScaleTitle);
  drawLevelScale(layout, layout.y + 12, summary.score, { height: 11 });
  layout.gap(18);

  // The radar takes the room the page has left, within bounds, so the summary stays one page.
  const legend = legendHeight(layout, summary.radar);
  const frame = 32 + 80 + legend;
  let radius = Math.min(105, (BOTTOM - layout.y - frame) / 2);
  if (radius < 72) {
    layout.newPage();
    radius = 105;
  }
  layout.write(summary.radar.title, STYLE.h2);
  layout.write(summary.radar.caption, STYLE.small, { y: doc.y + 1 });
  const cy = doc.y + 38 + radius;
  drawRadar(layout, summary.radar, MARGIN.left + CONTENT_WIDTH / 2, cy, radius);
  layout.y = drawLegend(layout, summary.radar, cy + radius + 38);
}

// ---------------------------------------------------------------------------
// Fields of action in detail

const ANSWER_META: TextStyle = { ...STYLE.small, size: 8, lineGap: 1.2 };

function answerLine(item: AnswerItem): string {
  return item.answer ? `${item.answer} · ${item.pointsText}` : item.pointsText;
}

function answerListHeight(layout: ReportLayout, title: string, items: AnswerItem[], width: number): number {
  if (items.length === 0) return 0;
  return (
    layout.labelHeight(title, width) +
    5 +
    items.reduce(
      (sum, item) => sum + layout.height(item.question, STYLE.smallStrong, width - 10) + layout.height(answerLine(item), ANSWER_META, width - 10) + 6,
      0,
    )
  );
}

function drawAnswerList(layout: ReportLayout, title: string, items: AnswerItem[], x: number, y: number, width: number, accent: string): number {
  const { doc } = layout;
  if (items.length === 0) return y;
  layout.label(title, { x, y, width });
  let cursor = doc.y + 5;
  for (const item of items) {
    layout.y = cursor;
    const start = layout.mark();
    layout.write(item.question, STYLE.smallStrong, { x: x + 10, y: cursor, width: width - 10 });
    layout.write(answerLine(item), ANSWER_META, { x: x + 10, y: doc.y, width: width - 10 });
    layout.sideRule(start, x, 2.5, accent, 1.5);
    cursor = doc.y + 6;
  }
  return cursor;
}

const COLUMN_TEXT: TextStyle = STYLE.body;

type ColumnDrawer = (x: number, y: number, width: number) => number;

/**
 * Two columns side by side when the taller one (`height`) fits on a page;
 * otherwise one after the other at full width, so each can flow across pages
 * without running into the other.
 */
function drawColumns(layout: ReportLayout, height: number, left: ColumnDrawer, right: ColumnDrawer): void {
  if (height <= BOTTOM - MARGIN.top) {
    layout.ensure(height);
    const y = layout.y;
    const leftBottom = left(MARGIN.left, y, COLUMN_WIDTH);
    const rightBottom = right(MARGIN.left + COLUMN_WIDTH + COLUMN_GAP, y, COLUMN_WIDTH);
    layout.y = Math.max(leftBottom, rightBottom);
    return;
  }
  layout.ensure(80);
  layout.y = left(MARGIN.left, layout.y, CONTENT_WIDTH) + 10;
  layout.ensure(80);
  layout.y = right(MARGIN.left, layout.y, CONTENT_WIDTH);
}

function drawDimension(layout: ReportLayout, dimension: DimensionModel): void {
  const { doc, model } = layout;
  const labels = model.dimensionsSection.labels;
  const color = levelColor(dimension.level.index, model.levels.length);
  const titleWidth = CONTENT_WIDTH - 130;
  const descriptionStyle: TextStyle = { ...STYLE.small, lineGap: 1.4 };
  const headHeight = Math.max(layout.height(dimension.title, STYLE.h2, titleWidth) + 3 + layout.height(dimension.description, descriptionStyle, titleWidth), 36);
  const facts = [dimension.nextLevelLine, dimension.answeredLine].join('  ·  ');
  const barBlock = 12 + 8 + 14 + 6 + layout.height(facts, STYLE.small) + (dimension.comparisons.length ? 14 : 0);
  const columnsHeight = Math.max(
    layout.labelHeight(labels.status, COLUMN_WIDTH) + 3 + layout.height(dimension.status, COLUMN_TEXT, COLUMN_WIDTH),
    layout.labelHeight(labels.nextStep, COLUMN_WIDTH) + 3 + layout.height(dimension.nextStep, COLUMN_TEXT, COLUMN_WIDTH),
  );
  const listsHeight = Math.max(
    answerListHeight(layout, labels.helped, dimension.helped, COLUMN_WIDTH),
    answerListHeight(layout, labels.cost, dimension.cost, COLUMN_WIDTH),
  );
  const whole = 14 + headHeight + barBlock + 12 + columnsHeight + 14 + listsHeight;
  layout.ensure(whole <= BOTTOM - MARGIN.top ? whole : headHeight + barBlock + 80);

  layout.label(dimension.kicker, { width: titleWidth });
  const top = layout.y + 4;
  layout.write(dimension.title, STYLE.h2, { y: top, width: titleWidth });
  layout.write(dimension.description, descriptionStyle, { y: doc.y + 3, width: titleWidth });
  const headBottom = doc.y;
  layout.write(dimension.hasBasis ? dimension.scoreText : '–', { font: 'bold', size: 22, color: COLOR.primary }, {
    x: MARGIN.left + CONTENT_WIDTH - 120,
    y: top - 5,
    width: 120,
    align: 'right',
  });
  layout.write(dimension.levelLine, { ...STYLE.small, font: 'bold', color: mix(color, COLOR.text, 0.25) }, {
    x: MARGIN.left + CONTENT_WIDTH - 120,
    y: doc.y,
    width: 120,
    align: 'right',
  });

  const markers = [
    ...(dimension.peers === null ? [] : [{ value: dimension.peers, kind: 'peers' as const }]),
    ...(dimension.previous === null ? [] : [{ value: dimension.previous, kind: 'previous' as const }]),
  ];
  const barBottom = drawLevelScale(layout, Math.max(headBottom, top + 36) + 12, dimension.hasBasis ? dimension.score : null, { height: 8, markers });
  layout.write(facts, STYLE.small, { y: barBottom + 5 });
  if (dimension.comparisons.length) {
    const y = layout.y + 2;
    let x = MARGIN.left;
    for (const comparison of dimension.comparisons) {
      drawMarkerSwatch(layout.doc, comparison.kind, x, y + 5.5);
      layout.write(comparison.text, STYLE.small, { x: x + 20, y, width: 200 });
      x += 20 + layout.widthOf(comparison.text, STYLE.small) + 18;
    }
    layout.y = y + layout.height('x', STYLE.small);
  }
  layout.gap(12);

  const paragraph = (label: string, text: string) => (x: number, y: number, width: number) => {
    layout.label(label, { x, y, width });
    layout.write(text, COLUMN_TEXT, { x, y: doc.y + 3, width });
    return doc.y;
  };
  drawColumns(layout, columnsHeight, paragraph(labels.status, dimension.status), paragraph(labels.nextStep, dimension.nextStep));
  layout.gap(14);

  if (listsHeight > 0) {
    drawColumns(
      layout,
      listsHeight,
      (x, y, width) => drawAnswerList(layout, labels.helped, dimension.helped, x, y, width, COLOR.positive),
      (x, y, width) => drawAnswerList(layout, labels.cost, dimension.cost, x, y, width, COLOR.accent),
    );
  }

  if (dimension.note) drawNote(layout, labels.note, dimension.note);
  if (dimension.recommendations.length) {
    layout.gap(dimension.note ? 12 : 4);
    const first = dimension.recommendations[0]!;
    layout.ensure(layout.labelHeight(labels.recommendations) + 8 + Math.min(recommendationHeight(layout, first, CONTENT_WIDTH - 16), 100));
    layout.label(labels.recommendations);
    layout.gap(7);
    for (const r of dimension.recommendations) drawRecommendation(layout, r, MARGIN.left + 16, CONTENT_WIDTH - 16);
  }
}

function drawNote(layout: ReportLayout, title: string, note: string): void {
  const { doc } = layout;
  const width = CONTENT_WIDTH - 28;
  const height = layout.labelHeight(title, width) + 5 + layout.height(note, STYLE.body, width) + 20;
  layout.gap(4);
  // A note that fits a page is kept whole in its box; a longer one flows on without the box.
  if (height <= BOTTOM - MARGIN.top) layout.ensure(height);
  else layout.ensure(80);
  const top = layout.y;
  const boxed = top + height <= BOTTOM;
  if (boxed) {
    doc.save().rect(MARGIN.left, top, CONTENT_WIDTH, height).fill('#FBF3EA').restore();
    doc.save().rect(MARGIN.left, top, 3, height).fill(COLOR.accent).restore();
  }
  layout.label(title, { x: MARGIN.left + 16, y: top + 10, width });
  layout.write(note, STYLE.body, { x: MARGIN.left + 16, y: doc.y + 5, width });
  layout.y = boxed ? top + height + 6 : layout.y + 10;
}

// ---------------------------------------------------------------------------
// Strengths, fields of action, recommendations

function recommendationHeight(layout: ReportLayout, r: RecommendationModel, width: number): number {
  return layout.height(r.title, STYLE.bodyStrong, width) + 2 + layout.height(r.text, STYLE.body, width) + 10;
}

function drawRecommendation(layout: ReportLayout, r: RecommendationModel, x: number, width: number): void {
  const { doc } = layout;
  layout.ensure(Math.min(recommendationHeight(layout, r, width), 120));
  const top = layout.y;
  layout.write(r.title, STYLE.bodyStrong, { x, y: top, width });
  layout.write(r.text, STYLE.body, { x, y: doc.y + 2, width });
  doc.save().circle(x - 9, top + 6.5, 2.2).fill(COLOR.accent).restore();
  layout.gap(10);
}

function drawHighlight(layout: ReportLayout, highlight: HighlightModel, kind: 'strength' | 'action'): void {
  const { doc, model } = layout;
  const color = levelColor(highlight.level.index, model.levels.length);
  const x = MARGIN.left + 18;
  const width = CONTENT_WIDTH - 18;
  const headHeight = layout.height(highlight.title, STYLE.h3, width - 190) + 6 + layout.height(highlight.text, STYLE.body, width);
  layout.ensure(headHeight + (kind === 'action' ? 50 : 10));
  const start = layout.mark();
  const top = start.y;
  layout.write(highlight.title, STYLE.h3, { x, y: top, width: width - 190 });
  layout.write(highlight.scoreLevelLine, { ...STYLE.small, font: 'bold', color: mix(color, COLOR.text, 0.25) }, {
    x: MARGIN.left + CONTENT_WIDTH - 190,
    y: top + 1.5,
    width: 190,
    align: 'right',
  });
  layout.write(highlight.text, STYLE.body, { x, y: doc.y + 4, width });
  layout.sideRule(start, MARGIN.left, 4, kind === 'strength' ? COLOR.positive : COLOR.accent);
  layout.gap(10);
  if (kind === 'action') {
    const titles = highlight.recommendations.reduce((sum, r) => sum + layout.height(r.title, STYLE.bodyStrong, width - 12) + 3, 0);
    layout.ensure(layout.labelHeight(model.highlights.recommendationsLabel, width) + 5 + Math.max(titles, 20));
    if (highlight.recommendations.length === 0) {
      layout.write(model.highlights.noRecommendations, STYLE.small, { x, width });
      layout.gap(4);
    } else {
      layout.label(model.highlights.recommendationsLabel, { x, width });
      layout.gap(5);
    }
    for (const r of highlight.recommendations) {
      layout.ensure(layout.height(r.title, STYLE.bodyStrong, width - 16) + 4);
      const y = layout.y;
      doc.save().circle(x + 3, y + 6.5, 2.2).fill(COLOR.accent).restore();
      layout.write(r.title, STYLE.bodyStrong, { x: x + 12, y, width: width - 12 });
      layout.gap(3);
    }
  }
  layout.gap(16);
}

function drawHighlights(layout: ReportLayout): void {
  const { model } = layout;
  const { highlights } = model;
  // Both headings always appear, so a business with no strength yet reads why, in kind words.
  layout.heading(highlights.strengthsHeading, highlights.noStrengths ?? highlights.strengthsIntro);
  for (const strength of model.strengths) drawHighlight(layout, strength, 'strength');
  layout.gap(10);
  layout.heading(highlights.actionHeading, highlights.noActionFields ?? highlights.actionIntro);
  for (const field of model.actionFields) drawHighlight(layout, field, 'action');
}

// ---------------------------------------------------------------------------
// Referrals

const BADGE = 54;

function linkLine(link: LinkModel): string {
  return `${link.label}: ${link.text}`;
}

function workshopPlaceLine(layout: ReportLayout, w: WorkshopModel): string {
  const { referralsSection } = layout.model;
  return [w.place, `${referralsSection.providerLabel}: ${w.provider}`, ...(w.fee ? [`${referralsSection.feeLabel}: ${w.fee}`] : [])].join(' · ');
}

function workshopHeight(layout: ReportLayout, w: WorkshopModel, width: number): number {
  const text =
    layout.height(w.title, STYLE.h3, width) +
    3 +
    layout.height(`${w.format} · ${w.when}`, STYLE.smallStrong, width) +
    layout.height(workshopPlaceLine(layout, w), STYLE.small, width) +
    (w.summary ? 4 + layout.height(w.summary, STYLE.body, width) : 0) +
    4 +
    layout.height(linkLine(w.registration), STYLE.link, width) +
    2 +
    layout.height(w.fits, STYLE.tiny, width);
  return Math.max(text, BADGE) + 18;
}

function drawWorkshop(layout: ReportLayout, w: WorkshopModel): void {
  const { doc } = layout;
  const x = MARGIN.left + BADGE + 16;
  const width = CONTENT_WIDTH - BADGE - 16;
  layout.ensure(Math.min(workshopHeight(layout, w, width), BOTTOM - MARGIN.top));
  const start = layout.mark();
  const top = start.y;
  doc.save().roundedRect(MARGIN.left, top, BADGE, BADGE, 3).fill(COLOR.primary).restore();
  layout.write(w.badge.day, { font: 'bold', size: 20, color: COLOR.white }, { x: MARGIN.left, y: top + 7, width: BADGE, align: 'center' });
  layout.write(w.badge.month, { font: 'bold', size: 8, color: COLOR.white }, { x: MARGIN.left, y: doc.y - 1, width: BADGE, align: 'center' });
  layout.write(w.badge.year, { font: 'regular', size: 7, color: '#C9D6E3' }, { x: MARGIN.left, y: doc.y, width: BADGE, align: 'center' });

  layout.write(w.title, STYLE.h3, { x, y: top - 1, width });
  layout.write(`${w.format} · ${w.when}`, { ...STYLE.smallStrong, color: COLOR.primary }, { x, y: doc.y + 3, width });
  layout.write(workshopPlaceLine(layout, w), STYLE.small, { x, width });
  if (w.summary) layout.write(w.summary, STYLE.body, { x, y: doc.y + 4, width });
  layout.write(linkLine(w.registration), STYLE.link, { x, y: doc.y + 4, width, link: w.registration.url });
  layout.write(w.fits, STYLE.tiny, { x, y: doc.y + 2, width });
  layout.y = (start.page === layout.pageIndex ? Math.max(doc.y, top + BADGE) : doc.y) + 18;
}

function partnerHeight(layout: ReportLayout, p: PartnerModel, width: number): number {
  let height = layout.labelHeight(p.kind, width) + 3 + layout.height(p.name, STYLE.h3, width) + 4 + layout.height(p.offer, STYLE.body, width) + 6;
  for (const line of [p.person, p.phone]) if (line) height += layout.height(`${line.label}: ${line.value}`, STYLE.small, width);
  for (const link of p.links) height += layout.height(linkLine(link), STYLE.link, width);
  return height + 2 + layout.height(p.fits, STYLE.tiny, width) + 18;
}

function drawPartner(layout: ReportLayout, p: PartnerModel): void {
  const { doc } = layout;
  const x = MARGIN.left + 16;
  const width = CONTENT_WIDTH - 16;
  layout.ensure(Math.min(partnerHeight(layout, p, width), BOTTOM - MARGIN.top));
  const start = layout.mark();
  const top = start.y;
  layout.label(p.kind, { x, y: top, width });
  layout.write(p.name, STYLE.h3, { x, y: doc.y + 3, width });
  layout.write(p.offer, STYLE.body, { x, y: doc.y + 4, width });
  layout.gap(6);
  for (const line of [p.person, p.phone]) if (line) layout.write(`${line.label}: ${line.value}`, STYLE.small, { x, width });
  for (const link of p.links) layout.write(linkLine(link), STYLE.link, { x, width, link: link.url });
  layout.write(p.fits, STYLE.tiny, { x, y: doc.y + 2, width });
  layout.sideRule(start, MARGIN.left, 3, COLOR.accent);
  layout.gap(18);
}

function drawReferrals(layout: ReportLayout): void {
  const { model } = layout;
  const section = model.referralsSection;
  layout.heading(section.heading, section.intro, 150);
  layout.subheading(section.workshopsHeading, 90);
  if (model.workshops.length === 0) {
    layout.write(section.noWorkshops, STYLE.body);
    layout.gap(16);
  }
  for (const w of model.workshops) drawWorkshop(layout, w);
  if (section.beyond) drawBeyond(layout, section.beyond);
  layout.gap(8);
  const regional = model.partners.filter((p) => !p.nationwide);
  const national = model.partners.filter((p) => p.nationwide);
  if (model.partners.length === 0) {
    layout.subheading(section.partnersHeading, 110);
    layout.write(section.noPartners, STYLE.body);
    layout.gap(16);
  }
  // A group's heading stays with its first partner: never alone at the foot of a page.
  const group = (heading: string, partners: PartnerModel[]) => {
    if (partners.length === 0) return;
    layout.subheading(heading, Math.min(partnerHeight(layout, partners[0]!, CONTENT_WIDTH - 16), BOTTOM - MARGIN.top - 60));
    for (const p of partners) drawPartner(layout, p);
  };
  group(section.regionalPartnersHeading, regional);
  group(section.nationalPartnersHeading, national);
}

/** "Nothing more advanced in the catalogue right now", in a tinted box with the adviser to ask. */
function drawBeyond(layout: ReportLayout, beyond: NonNullable<ReportModel['referralsSection']['beyond']>): void {
  const { doc } = layout;
  const width = CONTENT_WIDTH - 32;
  const adviser = beyond.adviser;
  const contactLines = adviser ? [adviser.person, adviser.phone].flatMap((line) => (line ? [`${line.label}: ${line.value}`] : [])) : [];
  const height =
    layout.height(beyond.text, STYLE.body, width) +
    (adviser ? 6 + layout.height(adviser.name, STYLE.h3, width) + contactLines.reduce((sum, line) => sum + layout.height(line, STYLE.small, width), 0) + adviser.links.reduce((sum, link) => sum + layout.height(linkLine(link), STYLE.link, width), 0) : 0) +
    24;
  layout.ensure(height + 8);
  const top = layout.y;
  doc.save().roundedRect(MARGIN.left, top, CONTENT_WIDTH, height, 3).fill(COLOR.tint).restore();
  doc.save().rect(MARGIN.left, top, 3, height).fill(COLOR.primary).restore();
  const x = MARGIN.left + 16;
  layout.write(beyond.text, STYLE.body, { x, y: top + 12, width });
  if (adviser) {
    layout.write(adviser.name, STYLE.h3, { x, y: doc.y + 6, width });
    for (const line of contactLines) layout.write(line, STYLE.small, { x, width });
    for (const link of adviser.links) layout.write(linkLine(link), STYLE.link, { x, width, link: link.url });
  }
  layout.y = top + height + 16;
}

// ---------------------------------------------------------------------------
// Progress

function drawProgress(layout: ReportLayout, progress: ProgressModel): void {
  const { doc } = layout;
  layout.heading(progress.heading, progress.intro, 140);
  if (progress.versionNote) {
    const height = layout.height(progress.versionNote, STYLE.small, CONTENT_WIDTH - 28) + 16;
    layout.ensure(height);
    const top = layout.y;
    doc.save().rect(MARGIN.left, top, CONTENT_WIDTH, height).fill('#FBF3EA').restore();
    doc.save().rect(MARGIN.left, top, 3, height).fill(COLOR.accent).restore();
    layout.write(progress.versionNote, STYLE.small, { x: MARGIN.left + 16, y: top + 8, width: CONTENT_WIDTH - 28 });
    layout.y = top + height + 14;
  }
  const title = 176;
  const number = 50;
  const delta = 72;
  const xs = { before: MARGIN.left + title, after: MARGIN.left + title + number, delta: MARGIN.left + title + 2 * number, bar: MARGIN.left + title + 2 * number + delta + 14 };
  const barWidth = MARGIN.left + CONTENT_WIDTH - xs.bar;
  const header = () => {
    const y = layout.y;
    layout.label(progress.columns.dimension, { y, width: title - 8 });
    layout.label(progress.columns.before, { x: xs.before, y, width: number - 6, align: 'right' });
    layout.label(progress.columns.after, { x: xs.after, y, width: number - 6, align: 'right' });
    layout.label(progress.columns.delta, { x: xs.delta, y, width: delta - 6, align: 'right' });
    layout.y = y + 14;
    layout.rule(layout.y, COLOR.primary);
    layout.gap(5);
  };
  layout.ensure(60);
  header();
  const rows = [...progress.rows, progress.overall];
  rows.forEach((row, index) => {
    const isOverall = index === rows.length - 1;
    const style = isOverall ? STYLE.bodyStrong : STYLE.body;
    const height = Math.max(layout.height(row.title, style, title - 8), 14) + 8;
    if (layout.y + height > BOTTOM) {
      layout.newPage();
      header();
    }
    const y = layout.y;
    if (isOverall) layout.rule(y - 3, COLOR.primary);
    else if (index % 2 === 0) doc.save().rect(MARGIN.left, y - 3, CONTENT_WIDTH, height).fill(COLOR.tint).restore();
    layout.write(row.title, style, { y: y + 1, width: title - 8 });
    layout.write(row.beforeText, style, { x: xs.before, y: y + 1, width: number - 6, align: 'right' });
    layout.write(row.afterText, style, { x: xs.after, y: y + 1, width: number - 6, align: 'right' });
    const deltaColor = row.delta > 0 ? COLOR.positive : row.delta < 0 ? COLOR.negative : COLOR.muted;
    layout.write(row.deltaText, { ...style, font: 'bold', color: deltaColor }, { x: xs.delta, y: y + 1, width: delta - 6, align: 'right' });
    const scale = (value: number) => xs.bar + (Math.max(0, Math.min(100, value)) / 100) * barWidth;
    doc.save().rect(xs.bar, y + 5, barWidth, 4).fill(COLOR.rule).restore();
    doc.save().rect(xs.bar, y + 5, scale(row.after) - xs.bar, 4).fill(COLOR.primary).restore();
    doc.save().rect(scale(row.before) - 0.8, y + 2, 1.6, 10).fill(COLOR.accent).restore();
    layout.y = y + height;
  });
  layout.gap(6);
  layout.ensure(14);
  const legendY = layout.y;
  const legendX = xs.bar;
  doc.save().rect(legendX, legendY + 3, 14, 4).fill(COLOR.primary).restore();
  layout.write(progress.columns.after, STYLE.tiny, { x: legendX + 18, y: legendY, width: 60 });
  const beforeX = legendX + 22 + layout.widthOf(progress.columns.after, STYLE.tiny) + 12;
  doc.save().rect(beforeX, legendY, 1.6, 10).fill(COLOR.accent).restore();
  layout.write(progress.columns.before, STYLE.tiny, { x: beforeX + 6, y: legendY, width: 60 });
  if (progress.notCompared) {
    layout.gap(8);
    layout.write(progress.notCompared, STYLE.small);
  }
}

// ---------------------------------------------------------------------------
// Next steps

function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 4);
  const originX = x + 2 * cell;
  const originY = y + 2 * cell;
  doc.save().rect(x, y, size, size).fill(COLOR.white);
  doc.fillColor(COLOR.qr);
  for (let row = 0; row < count; row++) {
    let run = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && modules.get(row, col) === 1;
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        // A hair of overlap keeps viewers from showing seams between modules.
        doc.rect(originX + run * cell, originY + row * cell, (col - run) * cell + 0.05, cell + 0.05);
        run = -1;
      }
    }
  }
  doc.fill().restore();
}

function drawNextSteps(layout: ReportLayout): void {
  const { doc, model } = layout;
  const steps = model.nextSteps;
  layout.heading(steps.heading, steps.intro, 120);
  const textX = MARGIN.left + 22;
  const width = CONTENT_WIDTH - 22;
  for (const item of steps.items) {
    const height = layout.height(item, STYLE.body, width);
    layout.ensure(height + 8);
    const y = layout.y;
    doc.save().lineWidth(1).strokeColor(COLOR.primary).roundedRect(MARGIN.left + 1, y + 1.5, 10, 10, 1.5).stroke().restore();
    layout.write(item, STYLE.body, { x: textX, y, width });
    layout.y = y + height + 8;
  }
  const retake = steps.retake;
  if (!retake) return;
  const qrSize = 92;
  const textWidth = CONTENT_WIDTH - qrSize - 52;
  const boxHeight = Math.max(
    qrSize + 30,
    layout.height(retake.heading, STYLE.h3, textWidth) + layout.height(retake.text, STYLE.body, textWidth) + layout.height(retake.url, STYLE.link, textWidth) + 44,
  );
  layout.gap(14);
  layout.ensure(boxHeight + 10);
  const top = layout.y;
  doc.save().roundedRect(MARGIN.left, top, CONTENT_WIDTH, boxHeight, 3).fill(COLOR.tint).restore();
  const textLeft = MARGIN.left + 20;
  layout.write(retake.heading, STYLE.h3, { x: textLeft, y: top + 16, width: textWidth });
  layout.write(retake.text, STYLE.body, { x: textLeft, y: doc.y + 4, width: textWidth });
  layout.write(retake.url, { ...STYLE.link, font: 'bold' }, { x: textLeft, y: doc.y + 6, width: textWidth, link: retake.url });
  const qrX = MARGIN.left + CONTENT_WIDTH - qrSize - 16;
  drawQrCode(doc, retake.url, qrX, top + 12, qrSize);
  doc.link(qrX, top + 12, qrSize, qrSize, retake.url);
  layout.write(retake.qrCaption, { ...STYLE.tiny, size: 6.5 }, { x: qrX - 10, y: top + 13 + qrSize, width: qrSize + 20, align: 'center' });
  layout.y = top + boxHeight + 10;
}

// ---------------------------------------------------------------------------
// Page furniture and assembly

function drawPageFurniture(layout: ReportLayout): void {
  const { doc, model } = layout;
  const range = doc.bufferedPageRange();
  const header = layout.oneLine(`${model.cover.kicker} · ${model.cover.company}`, STYLE.tiny, CONTENT_WIDTH - 20);
  const operator = layout.oneLine(model.footer.operator, STYLE.tiny, CONTENT_WIDTH - 110);
  const footerY = PAGE.height - 50;
  for (let i = range.start; i < range.start + range.count; i++) {
    layout.switchToPage(i);
    doc.save().moveTo(MARGIN.left, footerY - 8).lineTo(MARGIN.left + CONTENT_WIDTH, footerY - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
    layout.write(operator, STYLE.tiny, { x: MARGIN.left, y: footerY, width: CONTENT_WIDTH - 110, flow: false });
    const page = fillTemplate(model.footer.pageTemplate, { page: i - range.start + 1, pages: range.count });
    layout.write(page, { ...STYLE.tiny, font: 'bold' }, { x: MARGIN.left + CONTENT_WIDTH - 110, y: footerY, width: 110, align: 'right', flow: false });
    if (!layout.plainPages.has(i)) {
      doc.save().rect(MARGIN.left, 40, 14, 2).fill(COLOR.accent).restore();
      layout.write(header, STYLE.tiny, { x: MARGIN.left + 20, y: 36, width: CONTENT_WIDTH - 20, flow: false });
    }
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Renders a report model as PDF bytes; CPU-bound for some tens of ms, so run it off the main thread. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: model.lang,
    displayTitle: true,
    info: {
      Title: model.meta.title,
      Author: model.meta.author,
      Subject: model.meta.subject,
      Keywords: model.meta.keywords,
      Creator: 'procheck',
      CreationDate: new Date(`${model.meta.creationDate}T00:00:00Z`),
    },
  });
  const bytes = collect(doc);
  registerReportFonts(doc, FONTS);
  const layout = new ReportLayout(doc, model);

  drawCover(layout);
  drawSummary(layout);
  layout.newPage();
  layout.heading(model.dimensionsSection.heading, model.dimensionsSection.intro, 200);
  model.dimensions.forEach((dimension, i) => {
    if (i > 0) layout.newPage();
    drawDimension(layout, dimension);
  });
  layout.section();
  drawHighlights(layout);
  layout.section();
  drawReferrals(layout);
  if (model.progress) {
    layout.section();
    drawProgress(layout, model.progress);
  }
  layout.section();
  drawNextSteps(layout);
  drawPageFurniture(layout);
  doc.end();
  return bytes;
}
