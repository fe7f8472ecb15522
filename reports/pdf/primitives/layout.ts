/**
 * The page cursor every section draws with: text that flows on to a new page,
 * blocks that measure themselves first, headings kept with what follows, and
 * decoration marked as artifacts. Text is tagged as it is written (see
 * tagged.ts), in the order it is drawn.
 */
import type { ReportModel } from '../../model/report.ts';
import type { ReportFonts } from './fonts.ts';
import { BOTTOM, COLOR, CONTENT_WIDTH, MARGIN, STYLE, type TextStyle } from './style.ts';
import { Tagger, type StructType } from './tagged.ts';
import { TextSetter, type LineCache } from './text.ts';

export interface WriteOptions {
  x?: number;
  y?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** A URL: the text becomes a Link element with an annotation per line. */
  link?: string;
  /** Continue on a new page when the text reaches the bottom margin (default). */
  flow?: boolean;
  /** The structure element the text is; by default a paragraph where no element is open, else part of the open one. */
  tag?: StructType;
}

export class ReportLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly model: ReportModel;
  readonly tags: Tagger;
  readonly text: TextSetter;
  /** Page indexes that carry no running header (the cover). */
  readonly plainPages = new Set<number>();
  /** The fill colour in force for text on this page; shapes change colours only inside save/restore. */
  private textColor: string | null = null;
  private readonly passages: Map<string, string>;

  constructor(doc: PDFKit.PDFDocument, model: ReportModel, fonts: ReportFonts, lines: LineCache) {
    this.doc = doc;
    this.model = model;
    this.tags = new Tagger(doc, model.lang);
    this.text = new TextSetter(doc, fonts, lines);
    this.passages = new Map(model.passages.map((p) => [p.text, p.lang]));
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

  height(text: string, style: TextStyle, width: number = CONTENT_WIDTH): number {
    if (text === '') return 0;
    return this.text.lines(text, style, width).length * this.text.lineStep(style);
  }

  widthOf(text: string, style: TextStyle): number {
    return this.text.measure(style)(text);
  }

  /** Writes at (x, y) or at the cursor, tagged, and leaves the cursor below; returns the height used on the last page. */
  write(text: string, style: TextStyle, options: WriteOptions = {}): number {
    if (text === '') return 0;
    const lang = this.passages.get(text);
    const tag = options.tag ?? (this.tags.inGroup ? 'P' : null);
    // Text that joins an element other writes add to ends with a space, so its words stay apart when read back.
    const joins = !tag && !this.tags.insideContent;
    const set = () => this.setLines(text, style, options, joins);
    const body = () => (options.link ? this.tags.element('Link', {}, set) : set());
    if (tag) return this.tags.element(tag, lang ? { lang } : {}, body);
    return lang ? this.tags.element('Span', { lang }, body) : body();
  }

  private setLines(text: string, style: TextStyle, options: WriteOptions, joins: boolean): number {
    const x = options.x ?? MARGIN.left;
    const width = options.width ?? CONTENT_WIDTH;
    const step = this.text.lineStep(style);
    const lineHeight = this.text.lineHeight(style);
    const flow = options.flow ?? true;
    let top = options.y ?? this.doc.y;
    let y = top;
    this.use(style);
    this.tags.beginContent();
    const lines = this.text.lines(text, style, width);
    lines.forEach((line, i) => {
      if (flow && y + lineHeight > BOTTOM && y > MARGIN.top + 1) {
        this.tags.endContent();
        this.newPage();
        this.use(style);
        this.tags.beginContent();
        top = y = MARGIN.top;
      }
      if (line.text !== '') {
        const offset = options.align === 'right' ? width - line.width : options.align === 'center' ? (width - line.width) / 2 : 0;
        // A wrapped line's space is drawn at its end (invisible), so extracted text keeps the words apart.
        const space = i < lines.length - 1 ? line.spaceAfter === true : joins;
        this.setLine(space ? `${line.text} ` : line.text, line.width, style, x + offset, y);
        if (options.link) this.tags.linkAnnotation(x + offset, y, line.width, lineHeight, options.link, text);
      }
      y += step;
    });
    this.tags.endContent();
    this.doc.x = MARGIN.left;
    this.doc.y = y;
    return y - top;
  }

  /** One line, run by run; a run in a script with its own language (Arabic) becomes a Span with that language. */
  private setLine(text: string, width: number, style: TextStyle, x: number, y: number): void {
    let cursor = x;
    for (const { run, width: runWidth } of this.text.runsOf({ text, width }, style)) {
      const x = cursor;
      if (run.lang) this.tags.span({ lang: run.lang, actual: run.text }, () => this.text.drawRun(run, style, x, y, runWidth));
      else this.text.drawRun(run, style, x, y, runWidth);
      cursor += runWidth;
    }
  }

  /**
   * "Label: value" on one line, the value hanging after the label when it
   * wraps. Written as two pieces, so a value in another language (a German
   * name in an English report) gets its own /Lang.
   */
  labelled(label: string, value: string, style: TextStyle, options: { x: number; width: number }): void {
    const head = `${label}: `;
    const indent = Math.min(this.widthOf(head, style), options.width / 2);
    const y = this.y;
    const draw = () => {
      this.write(head, style, { x: options.x, y, width: indent + 1, flow: false });
      this.write(value, style, { x: options.x + indent, y, width: options.width - indent });
    };
    if (this.tags.inGroup) this.tags.element('P', {}, draw);
    else draw();
  }

  label(text: string, options: WriteOptions = {}): number {
    return this.write(text.toLocaleUpperCase(this.model.lang), STYLE.label, options);
  }

  labelHeight(text: string, width: number = CONTENT_WIDTH): number {
    return this.height(text.toLocaleUpperCase(this.model.lang), STYLE.label, width);
  }

  /** Draws decoration (bars, rules, boxes) as an artifact, in its own graphics state. */
  decor(draw: (doc: PDFKit.PDFDocument) => void): void {
    this.tags.artifact(() => {
      this.doc.save();
      draw(this.doc);
      this.doc.restore();
    });
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
    if (height > 0) this.decor((doc) => doc.rect(x, top, width, height).fill(color));
  }

  rule(y: number = this.doc.y, color: string = COLOR.rule): void {
    this.decor((doc) => doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(0.6).strokeColor(color).stroke());
  }

  /** A section heading (H1) with an accent bar; keeps `keepWith` points of what follows on the same page. */
  heading(text: string, intro: string | null, keepWith = 90): void {
    const height = this.height(text, STYLE.h1) + (intro ? 8 + this.height(intro, STYLE.lead) : 0);
    this.ensure(height + 18 + keepWith);
    const top = this.y;
    this.decor((doc) => doc.rect(MARGIN.left, top + 2, 28, 3).fill(COLOR.accent));
    this.y = top + 12;
    this.write(text, STYLE.h1, { tag: 'H1' });
    if (intro) {
      this.gap(6);
      this.write(intro, STYLE.lead, { width: CONTENT_WIDTH - 40, tag: 'P' });
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
    this.write(text, STYLE.h2, { tag: 'H2' });
    this.gap(6);
  }
}
