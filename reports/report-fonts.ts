/**
 * The report's typeface: Source Sans 3 (SIL Open Font License 1.1, npm package
 * `source-sans`), embedded as TrueType subsets so German text and typographic
 * quotes render the same in every viewer.
 *
 * Shaping text is most of the cost of a report, and pdfkit caches it per
 * document only. A report repeats most words of the previous one (questions,
 * levels, catalogue entries), so each face keeps shaped runs and word widths
 * across documents, bounded in size.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

export type FontName = 'regular' | 'bold';

interface GlyphPositionLike {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRunLike {
  glyphs: unknown[];
  positions: GlyphPositionLike[];
}

/** The part of a fontkit font used here; pdfkit accepts such a parsed font in place of file bytes. */
interface ParsedFont {
  layout: (text: string, features?: unknown) => GlyphRunLike;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
}

export interface ReportFace {
  /** What pdfkit embeds and shapes with. */
  readonly pdfFont: ParsedFont;
  /** Advance width of a text in thousandths of the font size. */
  advance(text: string): number;
  hasGlyph(codePoint: number): boolean;
  /** The distance between baselines pdfkit uses, before any extra line gap, in points. */
  lineHeight(size: number): number;
  /** pdfkit's per-document cache of shaped words, shared by every document of this process. */
  sharedRuns(): Record<string, unknown>;
}

export type ReportFonts = Readonly<Record<FontName, ReportFace>>;

// Two faces only: every embedded face is subset anew for each document, which costs several ms.
const FILES: Record<FontName, string> = {
  regular: 'SourceSans3-Regular.ttf',
  bold: 'SourceSans3-Bold.ttf',
};

/**
 * Kerning only: the other default OpenType features (ligatures, contextual
 * alternates, mark positioning) triple the shaping time and change nothing
 * visible in NFC-normalised German and English text.
 */
const FEATURES = { kern: true, liga: false, clig: false, calt: false, rlig: false, rclt: false, ccmp: false, locl: false, mark: false, mkmk: false, curs: false };

/** Words kept per face and cache; a full report uses about 2,000. */
const CACHE_LIMIT = 20_000;

function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('source-sans/package.json')), 'TTF');
}

function isParsedFont(value: unknown): value is ParsedFont {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { layout?: unknown }).layout === 'function' &&
    typeof (value as { hasGlyphForCodePoint?: unknown }).hasGlyphForCodePoint === 'function'
  );
}

/**
 * Parses a TrueType file with pdfkit's own fontkit (parsing costs about 50 ms,
 * so once per process). fontkit is pdfkit's dependency, not ours, so the
 * parsed font is taken from pdfkit rather than imported.
 */
function parseFont(bytes: Buffer): ParsedFont {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(bytes);
  const parsed: unknown = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
  if (!isParsedFont(parsed)) throw new Error('pdfkit did not expose the parsed font; check the pdfkit version');
  return parsed;
}

function createFace(font: ParsedFont): ReportFace {
  const widths = new Map<string, number>();
  const coverage = new Map<number, boolean>();
  let runs: Record<string, unknown> = Object.create(null);
  let runsChecked = 0;
  const pdfFont = new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return (text: string, features?: unknown) => target.layout(text, features ?? FEATURES);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const scale = 1000 / font.unitsPerEm;
  return {
    pdfFont,
    advance(text) {
      const cached = widths.get(text);
      if (cached !== undefined) return cached;
      const width = font.layout(text, FEATURES).positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
      if (widths.size >= CACHE_LIMIT) widths.clear();
      widths.set(text, width);
      return width;
    },
    hasGlyph(codePoint) {
      let has = coverage.get(codePoint);
      if (has === undefined) {
        has = font.hasGlyphForCodePoint(codePoint);
        if (coverage.size < CACHE_LIMIT) coverage.set(codePoint, has);
      }
      return has;
    },
    lineHeight: (size) => ((font.ascent + font.lineGap - font.descent) * scale * size) / 1000,
    sharedRuns() {
      // pdfkit adds to this object itself, so its size is checked now and then and it starts afresh when full.
      if (++runsChecked % 50 === 0 && Object.keys(runs).length > CACHE_LIMIT) runs = Object.create(null);
      return runs;
    },
  };
}

export function loadReportFonts(): ReportFonts {
  const dir = fontDirectory();
  const entries = (Object.keys(FILES) as FontName[]).map((name) => [name, createFace(parseFont(readFileSync(join(dir, FILES[name]))))] as const);
  return Object.freeze(Object.fromEntries(entries) as Record<FontName, ReportFace>);
}

/**
 * Registers the faces under their names and lets the document use the shared
 * shaped words. The casts bridge @types/pdfkit 0.17, which predates parsed
 * fonts; should pdfkit's font object ever lack its cache, the document simply
 * shapes on its own.
 */
export function registerReportFonts(doc: PDFKit.PDFDocument, fonts: ReportFonts): void {
  for (const name of Object.keys(fonts) as FontName[]) {
    doc.registerFont(name, fonts[name].pdfFont as unknown as Uint8Array);
    doc.font(name);
    const embedded: unknown = (doc as unknown as { _font?: unknown })._font;
    if (typeof embedded === 'object' && embedded !== null && 'layoutCache' in embedded) {
      (embedded as { layoutCache: Record<string, unknown> }).layoutCache = fonts[name].sharedRuns();
    }
  }
}
