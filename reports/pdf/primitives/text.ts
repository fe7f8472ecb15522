/**
 * Measuring, wrapping and setting text: every line is split into runs of one
 * face each (see text-runs.ts), set on one baseline, and measured with the
 * same faces that print it, so wrapping and drawing agree.
 */
import { wrapText, type WrappedLine } from '../../wrap-text.ts';
import type { ReportFace, ReportFonts } from './fonts.ts';
import type { TextStyle } from './style.ts';
import { printableText, textRuns, drawnText, type TextRun } from './text-runs.ts';

/** pdfkit options it does not type: the measured width spares it measuring each line again. */
type LineOptions = PDFKit.Mixins.TextOptions & { textWidth?: number; wordCount?: number };

const round = (value: number) => Math.round(value * 100) / 100;

/** Wrapped lines kept per text, style and width; a full report wraps about 1,500 texts. */
const WRAP_LIMIT = 20_000;

/**
 * Wrapped lines shared by the documents of one process (or worker): most
 * texts of a report (questions, levels, catalogue entries) recur in the next.
 */
export class LineCache {
  // By style and width first, then by the text itself: model strings keep their hash, long keys are never built.
  private readonly byStyle = new Map<string, Map<string, WrappedLine[]>>();
  private size = 0;

  get(style: string, text: string, wrap: () => WrappedLine[]): WrappedLine[] {
    let texts = this.byStyle.get(style);
    if (!texts) this.byStyle.set(style, (texts = new Map()));
    let lines = texts.get(text);
    if (!lines) {
      if (++this.size > WRAP_LIMIT) {
        this.byStyle.clear();
        this.size = 1;
        this.byStyle.set(style, (texts = new Map()));
      }
      lines = wrap();
      texts.set(text, lines);
    }
    return lines;
  }
}

export class TextSetter {
  readonly fonts: ReportFonts;
  private readonly doc: PDFKit.PDFDocument;
  private readonly wrapped: LineCache;
  private readonly registered = new Set<string>();

  constructor(doc: PDFKit.PDFDocument, fonts: ReportFonts, lines: LineCache) {
    this.doc = doc;
    this.fonts = fonts;
    this.wrapped = lines;
    for (const face of Object.values(fonts.primary)) this.register(face);
  }

  /** Registers a face with this document on first use; pdfkit embeds only faces that print something. */
  register(face: ReportFace): void {
    if (this.registered.has(face.name)) return;
    // pdfkit accepts a parsed font (anything with `layout`); @types/pdfkit 0.17 predates that.
    this.doc.registerFont(face.name, face.pdfFont as unknown as Uint8Array);
    this.registered.add(face.name);
  }

  measure(style: TextStyle): (text: string) => number {
    const spacing = style.characterSpacing ?? 0;
    return (text) => {
      let width = 0;
      for (const run of textRuns(text, style.font, this.fonts)) width += (run.face.advance(run.text) * style.size) / 1000;
      return width + spacing * text.length;
    };
  }

  lineStep(style: TextStyle): number {
    return this.fonts.primary[style.font].lineHeight(style.size) + (style.lineGap ?? 0);
  }

  lineHeight(style: TextStyle): number {
    return this.fonts.primary[style.font].lineHeight(style.size);
  }

  lines(text: string, style: TextStyle, width: number): WrappedLine[] {
    const key = `${style.font}|${style.size}|${style.characterSpacing ?? 0}|${width}`;
    return this.wrapped.get(key, text, () => wrapText(printableText(text, style.font, this.fonts), width, this.measure(style)));
  }

  /** The text on a single line, shortened with an ellipsis when it is wider than `width`. */
  oneLine(text: string, style: TextStyle, width: number): string {
    const lines = this.lines(text, style, width);
    if (lines.length <= 1) return lines[0]?.text ?? '';
    const measure = this.measure(style);
    const room = width - measure('…');
    let line = '';
    let used = 0;
    for (const char of printableText(text.replace(/\s+/g, ' '), style.font, this.fonts)) {
      used += measure(char);
      if (used > room) break;
      line += char;
    }
    return `${line.trimEnd()}…`;
  }

  /** The runs of a wrapped line, each with its width in points. */
  runsOf(line: WrappedLine, style: TextStyle): { run: TextRun; width: number }[] {
    const runs = textRuns(line.text, style.font, this.fonts);
    if (runs.length === 1) return [{ run: runs[0]!, width: line.width }];
    const measure = this.measure(style);
    return runs.map((run) => ({ run, width: measure(run.text) }));
  }

  /** Sets one run at (x, y), the top of the line; faces other than Source Sans sit on its baseline. */
  drawRun(run: TextRun, style: TextStyle, x: number, y: number, width: number): void {
    this.register(run.face);
    this.doc.font(run.face.name);
    const primary = this.fonts.primary[style.font];
    const shift = run.face === primary ? 0 : ((primary.ascender - run.face.ascender) * style.size) / 1000;
    const text = drawnText(run);
    const options: LineOptions = {
      lineBreak: false,
      characterSpacing: style.characterSpacing ?? 0,
      textWidth: width,
      wordCount: text.split(' ').length,
    };
    // Hundredths of a point are finer than any device; shorter numbers make smaller, better-compressed pages.
    this.doc.text(text, round(x), round(y + shift), options);
  }
}
