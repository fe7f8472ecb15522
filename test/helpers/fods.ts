/**
 * Opening a CSV export the way a chamber does: LibreOffice (headless) imports
 * it with German settings into a flat ODS spreadsheet, whose cells are read
 * back here and compared with what a CSV parser reads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Cell {
  type: string;
  value: string | null;
  text: string;
  formula: boolean;
}

const decode = (xml: string) =>
  xml
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_m, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Converts `csvFile` to `<dir>/<name>.fods` and answers its path. Separator ;,
 * quote ", UTF-8, from line 1, default columns, German (1031) for decimal
 * commas, special numbers detected, and formulas evaluated — so an
 * unneutralised formula would show. The profile lives in `dir`, so parallel
 * conversions do not share (and lock) one.
 */
export function convertCsvToFods(csvFile: string, dir: string): string {
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--infilter=CSV:59,34,76,1,,1031,false,true,false,false,false,,true', '--convert-to', 'fods', '--outdir', dir, csvFile],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return join(dir, basename(csvFile).replace(/\.csv$/i, '.fods'));
}

/** The cells of the first sheet of a flat ODS file, row by row. */
export function readFods(file: string): Cell[][] {
  const xml = readFileSync(file, 'utf8');
  const rows: Cell[][] = [];
  for (const row of xml.match(/<table:table-row[\s\S]*?<\/table:table-row>/g) ?? []) {
    const cells: Cell[] = [];
    for (const cell of row.match(/<table:table-cell[^>]*\/>|<table:table-cell[^>]*>[\s\S]*?<\/table:table-cell>/g) ?? []) {
      const open = /<table:table-cell[^>]*>/.exec(cell)![0];
      const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(open)?.[1] ?? 1);
      const parsed: Cell = {
        type: /office:value-type="(\w+)"/.exec(open)?.[1] ?? 'empty',
        value: /office:value="([^"]*)"/.exec(open)?.[1] ?? null,
        text: (cell.match(/<text:p>[\s\S]*?<\/text:p>/g) ?? []).map(decode).join('\n'),
        formula: /table:formula=/.test(open),
      };
      // Trailing empty cells are written as one repeated cell; they carry nothing.
      for (let i = 0; i < Math.min(repeated, 200); i++) cells.push(parsed);
    }
    rows.push(cells);
  }
  return rows;
}

const EMPTY: Cell = { type: 'empty', value: null, text: '', formula: false };

/**
 * Every cell where the spreadsheet disagrees with the CSV, in words: numbers
 * with decimal commas must be numbers of that value, dates dates (or text),
 * everything else the same text, and nothing a formula. Empty when they agree.
 */
export function sheetMismatches(sheet: Cell[][], csv: string[][]): string[] {
  const problems: string[] = [];
  if (sheet.length !== csv.length) problems.push(`${sheet.length} rows in the sheet, ${csv.length} in the CSV`);
  csv.forEach((row, r) => {
    row.forEach((text, c) => {
      const cell = sheet[r]?.[c] ?? EMPTY;
      const at = `row ${r} col ${c} (${JSON.stringify(text)})`;
      if (cell.formula) problems.push(`${at}: is a formula`);
      if (text === '') {
        if (cell.type !== 'empty') problems.push(`${at}: ${cell.type} instead of empty`);
      } else if (/^\d+(,\d+)?$/.test(text)) {
        if (cell.type !== 'float' || Number(cell.value) !== Number(text.replace(',', '.'))) problems.push(`${at}: ${cell.type} ${cell.value}`);
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        if (!['date', 'string'].includes(cell.type)) problems.push(`${at}: ${cell.type}`);
      } else if (cell.type !== 'string' || cell.text !== text) {
        problems.push(`${at}: ${cell.type} ${JSON.stringify(cell.text)}`);
      }
    });
  });
  return problems;
}
