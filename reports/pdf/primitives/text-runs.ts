/**
 * Splits a text into runs of one face each: Source Sans 3 where it has the
 * glyph, else the fallback face that has it. Marks, joiners and variation
 * selectors stay with the character before them; spaces and punctuation join
 * the run they stand in. Arabic runs are right-to-left and named as Arabic for
 * the structure tree; a character no face has is printed as "?". A line is
 * laid out left to right run by run: an Arabic name reads right, and a
 * sentence mixing Arabic and Latin keeps its runs in logical order.
 */
import type { FontWeight, ReportFace, ReportFonts } from './fonts.ts';

export interface TextRun {
  text: string;
  face: ReportFace;
  /** Right-to-left script: drawn word by word in reverse, each word shaped right to left. */
  rtl: boolean;
  /** BCP 47 tag when the run's script tells its language, else null. */
  lang: string | null;
}

// Most text is plain Latin, which Source Sans covers; only the rest is looked at character by character.
const PLAIN = /^[\n\u0020-\u007E\u00A0-\u017F\u2013-\u201E\u2026\u20AC]*$/;
const ATTACHED = /^[\p{M}\u200C\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]$/u;
/** Spaces and punctuation inside a right-to-left run stay in it, so the run is laid out as a whole. */
const NEUTRAL = /^[\s\p{P}]$/u;
/** Invisible joiners and selectors: dropped where the face has no glyph for them, rather than set as a box. */
const INVISIBLE = /^[\u200C\u200D\uFE00-\uFE0F\u{E0020}-\u{E007F}]$/u;
const ARABIC = /^\p{Script=Arabic}$/u;

interface Piece {
  char: string;
  face: ReportFace;
  rtl: boolean;
}

function pieceFor(char: string, weight: FontWeight, fonts: ReportFonts, previous: Piece | undefined): Piece {
  const primary = fonts.primary[weight];
  const codePoint = char.codePointAt(0)!;
  if (previous && ATTACHED.test(char)) {
    const shown = previous.face.hasGlyph(codePoint) || !INVISIBLE.test(char);
    return { char: shown ? char : '', face: previous.face, rtl: previous.rtl };
  }
  if (previous?.rtl && NEUTRAL.test(char) && previous.face.hasGlyph(codePoint)) return { char, face: previous.face, rtl: true };
  if (char === '\n' || primary.hasGlyph(codePoint)) return { char, face: primary, rtl: false };
  const fallback = fonts.fallback(codePoint, weight);
  if (!fallback) return { char: '?', face: primary, rtl: false };
  return { char, face: fallback, rtl: ARABIC.test(char) };
}

export function textRuns(text: string, weight: FontWeight, fonts: ReportFonts): TextRun[] {
  const primary = fonts.primary[weight];
  if (PLAIN.test(text)) return [{ text, face: primary, rtl: false, lang: null }];
  const runs: TextRun[] = [];
  let previous: Piece | undefined;
  for (const char of text) {
    const piece = pieceFor(char, weight, fonts, previous);
    const last = runs[runs.length - 1];
    if (last && last.face === piece.face && last.rtl === piece.rtl) last.text += piece.char;
    else runs.push({ text: piece.char, face: piece.face, rtl: piece.rtl, lang: piece.rtl ? 'ar' : null });
    previous = piece;
  }
  return runs.flatMap((run) => (run.rtl ? trimRightToLeft(run, primary) : [run]));
}

/** Spaces at either end of a right-to-left run belong to the line, not to the run's reversed words. */
function trimRightToLeft(run: TextRun, primary: ReportFace): TextRun[] {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
  const space = (text: string): TextRun[] => (text ? [{ text, face: primary, rtl: false, lang: null }] : []);
  return [...space(match[1]!), { ...run, text: match[2]! }, ...space(match[3]!)];
}

/** The text as a reader sees it, with "?" for what no face can show: what `textRuns` prints, joined. */
export function printableText(text: string, weight: FontWeight, fonts: ReportFonts): string {
  return PLAIN.test(text) ? text : textRuns(text, weight, fonts).map((run) => run.text).join('');
}

/**
 * What to hand pdfkit for a run. pdfkit shapes word by word, in order; a
 * right-to-left run is kept one word with no-break spaces, so fontkit shapes
 * it whole and lays it out right to left, spaces included.
 */
export function drawnText(run: TextRun): string {
  return run.rtl ? run.text.replace(/ /g, '\u00A0') : run.text;
}
