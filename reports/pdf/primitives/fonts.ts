/**
 * The report's typefaces. Source Sans 3 (SIL OFL 1.1, npm `source-sans`) sets
 * every text it covers — Latin with Turkish and Polish letters, Greek and
 * Cyrillic. What it lacks comes from fallback faces (SIL OFL 1.1, from
 * `@fontsource`): Noto Sans Arabic and the monochrome Noto Emoji. All are
 * embedded as subsets, so a document carries only the glyphs it prints.
 *
 * Fonts are parsed here with fontkit (about 50 ms per face, so once per
 * process, and fallbacks only when a text first needs them) and handed to
 * pdfkit through its public `registerFont`, which accepts a parsed font.
 * Shaping is most of a report's cost and pdfkit caches it per document only,
 * so each face keeps its shaped words across documents, bounded in size.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type FontWeight = 'regular' | 'bold';

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** The part of a fontkit glyph run that pdfkit reads. */
interface Run {
  glyphs: unknown[];
  positions: Position[];
  readonly advanceWidth: number;
}

/** The part of a fontkit font used here and by pdfkit's embedding (reached through the proxy). */
interface ParsedFont {
  layout(text: string, features?: unknown): Run;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): unknown;
  characterSet: number[];
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
}

export interface ReportFace {
  /** The name the face is registered under in a document. */
  readonly name: string;
  /** What pdfkit embeds and shapes with. */
  readonly pdfFont: object;
  /** Advance width of a text in thousandths of the font size. */
  advance(text: string): number;
  hasGlyph(codePoint: number): boolean;
  /** Ascent in thousandths of the font size, to set faces on one baseline. */
  readonly ascender: number;
  /** The distance between baselines pdfkit uses, before any extra line gap, in points. */
  lineHeight(size: number): number;
}

/**
 * Kerning only for Source Sans: the other default OpenType features (ligatures,
 * contextual alternates, mark positioning) triple the shaping time and change
 * nothing visible in NFC-normalised German and English text. Arabic needs its
 * joining forms and ligatures, so fallback faces shape with fontkit's defaults.
 */
const KERN_ONLY = { kern: true, liga: false, clig: false, calt: false, rlig: false, rclt: false, ccmp: false, locl: false, mark: false, mkmk: false, curs: false };

/** Words kept per face and cache; a full report uses about 2,000. */
const CACHE_LIMIT = 20_000;

function packageDirectory(name: string): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${name}/package.json`));
}

function parseFont(file: string): ParsedFont {
  const font: unknown = fontkit.create(readFileSync(file));
  if (typeof font !== 'object' || font === null || typeof (font as ParsedFont).layout !== 'function') throw new Error(`not a single font: ${file}`);
  return font as ParsedFont;
}

/** A shaped run for pdfkit, which scales the positions in place: each caller gets its own copies. */
function copyRun(run: Run): Run {
  const positions = run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  };
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points it was
 * first looked up by. Subsetting a document looks up the parts of composite
 * glyphs (the dotless ı inside i) by id alone, and a later document shaping
 * "Çağrı" would then get an ı without its code point: no ToUnicode entry, and
 * the letter vanishes from copied text. Looking every mapped glyph up by its
 * code point first, once per face, keeps them all.
 */
function bindCodePoints(font: ParsedFont): void {
  // Arabic presentation forms are left out: shaping makes those glyphs from the base letters, which copied text should carry.
  for (const codePoint of font.characterSet) if (!PRESENTATION_FORM.test(String.fromCodePoint(codePoint))) font.glyphForCodePoint(codePoint);
}

const PRESENTATION_FORM = /^[\uFB50-\uFDFF\uFE70-\uFEFF]$/;

function createFace(name: string, font: ParsedFont, features: object | undefined): ReportFace {
  bindCodePoints(font);
  const widths = new Map<string, number>();
  const runs = new Map<string, Run>();
  const coverage = new Map<number, boolean>();
  const shape = (text: string): Run => {
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= CACHE_LIMIT) runs.clear();
      // fontkit adds its defaults to the features object it is given, so each call gets its own.
      run = font.layout(text, features ? { ...features } : undefined);
      runs.set(text, run);
    }
    return run;
  };
  // pdfkit scales a run's positions in place by 1000 / unitsPerEm: a no-op for 1000-unit faces
  // (Source Sans, Noto Sans Arabic), so those share one cached run; others get copies.
  const shared = font.unitsPerEm === 1000;
  const layout = (text: string, requested?: unknown) => (requested ? font.layout(text, requested) : shared ? shape(text) : copyRun(shape(text)));
  // pdfkit asks the font for `layout(word)`; everything else reaches the parsed font unchanged.
  const pdfFont = new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const scale = 1000 / font.unitsPerEm;
  return {
    name,
    pdfFont,
    ascender: font.ascent * scale,
    advance(text) {
      let width = widths.get(text);
      if (width === undefined) {
        width = shape(text).positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
        if (widths.size >= CACHE_LIMIT) widths.clear();
        widths.set(text, width);
      }
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
  };
}

interface FallbackSource {
  /** Files per weight, tried in order; a family split into several files lists them all. */
  files: Record<FontWeight, string[]>;
  package: string;
}

/** Noto Emoji comes in Unicode-range slices (0–10 and "emoji"); regular serves both weights. */
const EMOJI_SLICES = [...Array.from({ length: 11 }, (_, i) => String(i)), 'emoji'].map((slice) => `noto-emoji-${slice}-400-normal.woff`);

const FALLBACKS: FallbackSource[] = [
  {
    package: '@fontsource/noto-sans-arabic',
    files: { regular: ['noto-sans-arabic-arabic-400-normal.woff'], bold: ['noto-sans-arabic-arabic-700-normal.woff'] },
  },
  { package: '@fontsource/noto-emoji', files: { regular: EMOJI_SLICES, bold: EMOJI_SLICES } },
];

export interface ReportFonts {
  readonly primary: Readonly<Record<FontWeight, ReportFace>>;
  /** The face that has a glyph for a code point Source Sans lacks, or null when none has. */
  fallback(codePoint: number, weight: FontWeight): ReportFace | null;
}

/** Loads Source Sans 3 now and each fallback file on first need; one instance per process (or worker). */
export function loadReportFonts(): ReportFonts {
  const dir = join(packageDirectory('source-sans'), 'OTF');
  const primary = {
    regular: createFace('regular', parseFont(join(dir, 'SourceSans3-Regular.otf')), KERN_ONLY),
    bold: createFace('bold', parseFont(join(dir, 'SourceSans3-Bold.otf')), KERN_ONLY),
  };
  const loaded = new Map<string, ReportFace>();
  const face = (source: FallbackSource, file: string): ReportFace => {
    let found = loaded.get(file);
    if (!found) {
      found = createFace(file.replace(/\.woff$/, ''), parseFont(join(packageDirectory(source.package), 'files', file)), undefined);
      loaded.set(file, found);
    }
    return found;
  };
  const chosen = new Map<string, ReportFace | null>();
  return {
    primary,
    fallback(codePoint, weight) {
      const key = `${weight}:${codePoint}`;
      if (chosen.has(key)) return chosen.get(key)!;
      let match: ReportFace | null = null;
      for (const source of FALLBACKS) {
        match = source.files[weight].map((file) => face(source, file)).find((f) => f.hasGlyph(codePoint)) ?? null;
        if (match) break;
      }
      if (chosen.size < CACHE_LIMIT) chosen.set(key, match);
      return match;
    },
  };
}
