/**
 * CSV for German spreadsheets: semicolon-separated, decimal comma, UTF-8 with
 * a byte-order mark (so Excel detects the encoding), CRLF line ends. Every
 * text cell a spreadsheet could read as a formula is neutralised.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export type CsvValue = string | number | boolean | null | undefined;

// = + - @ start formulas in Excel and LibreOffice; tab and CR can smuggle one in after them.
const FORMULA_START = /^[=+\-@\t\r]/;

// Anything that needs more than copying the text: control characters, quotes, separators, formula starts, edge spaces.
const NEEDS_CARE = /[\u0000-\u001f\u007f";']|^[=+\-@\s]|\s$/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (!NEEDS_CARE.test(value)) return value;
  // Control characters other than tab/CR/LF never belong in a cell.
  let text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}
