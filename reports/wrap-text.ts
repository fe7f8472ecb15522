/**
 * Greedy line breaking on measured widths: at spaces, else after a hyphen,
 * dash or slash, else — for a word wider than the line, such as a long URL
 * or a run of letters without spaces — between any two characters.
 */

/** Width of a text in points, in the style it will be set in. */
export type MeasureText = (text: string) => number;

const BREAK_AFTER = new Set(['-', '/', '–', '—', '_', '?', '&', '=']);

/** The longest head of `word` that ends after a break character and fits `available`, with the rest. */
function splitAtBreak(word: string, available: number, measure: MeasureText): [string, string] | null {
  for (let i = word.length - 2; i > 0; i--) {
    if (!BREAK_AFTER.has(word[i]!)) continue;
    // Never inside the `//` of a URL.
    if (word[i] === '/' && (word[i + 1] === '/' || word[i - 1] === '/')) continue;
    const head = word.slice(0, i + 1);
    if (measure(head) <= available) return [head, word.slice(i + 1)];
  }
  return null;
}

/** Cuts a word into pieces no wider than `width`; character widths are summed without kerning, which only errs wide. */
function chop(word: string, width: number, measure: MeasureText): WrappedLine[] {
  const pieces: WrappedLine[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const char of word) {
    const charWidth = measure(char);
    if (piece !== '' && pieceWidth + charWidth > width) {
      pieces.push({ text: piece, width: pieceWidth });
      piece = '';
      pieceWidth = 0;
    }
    piece += char;
    pieceWidth += charWidth;
  }
  if (piece !== '') pieces.push({ text: piece, width: pieceWidth });
  return pieces;
}

export interface WrappedLine {
  text: string;
  width: number;
  /** The line ended at a space or a paragraph break: whoever reads the words back needs a space after it. */
  spaceAfter?: boolean;
}

export function wrapText(text: string, width: number, measure: MeasureText): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const space = measure(' ');
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = (spaceAfter: boolean) => {
      lines.push(spaceAfter ? { text: line, width: lineWidth, spaceAfter } : { text: line, width: lineWidth });
      line = '';
      lineWidth = 0;
    };
    const words = paragraph.split(' ').filter((w) => w !== '');
    for (let rest of words) {
      while (rest !== '') {
        const restWidth = measure(rest);
        const gap = line === '' ? 0 : space;
        if (lineWidth + gap + restWidth <= width) {
          line += (line === '' ? '' : ' ') + rest;
          lineWidth += gap + restWidth;
          break;
        }
        const split = splitAtBreak(rest, width - lineWidth - gap, measure);
        if (split) {
          line += (line === '' ? '' : ' ') + split[0];
          lineWidth = measure(line);
          push(false);
          rest = split[1];
          continue;
        }
        if (line !== '') {
          push(true);
          continue;
        }
        const pieces = chop(rest, width, measure);
        for (const piece of pieces.slice(0, -1)) lines.push(piece);
        const last = pieces[pieces.length - 1] ?? { text: '', width: 0 };
        line = last.text;
        lineWidth = last.width;
        break;
      }
    }
    push(true);
  }
  return lines;
}
