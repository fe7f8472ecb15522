/**
 * The results export opened the way a chamber opens it: LibreOffice (headless)
 * imports the CSV with German settings into a spreadsheet, and every cell must
 * match what a CSV parser reads — numbers as numbers, text as text, and no
 * formula anywhere.
 */
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 6; i++) {
    await submitAnswerSet(
      t.app,
      completeAnswerSet(prepared, (['weak', 'middling', 'strong'] as const)[i % 3]!, {
        trade: 'bau-ausbau',
        employees: '10-19',
        postcode: '45657',
        companyName: i % 2 ? `=HYPERLINK("http://evil.example";"klick ${i}")` : `Dachdeckerei "Oben" ${i}; Söhne`,
        email: `+chef${i}@example.org`,
        contactConsent: true,
      }),
    );
  }
});
afterAll(async () => t.close());

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

interface Cell {
  type: string;
  value: string | null;
  text: string;
  formula: boolean;
}

/** The cells of the first sheet of a flat ODS file, row by row. */
function readFods(file: string): Cell[][] {
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

describe('results.csv in LibreOffice', () => {
  it('opens as a spreadsheet whose cells match the CSV, with numbers as numbers and no formulas', async () => {
    const staff = await loggedInAs(t.app, 'staff');
    const response = await t.app.inject({ url: '/api/exports/results.csv', headers: { cookie: staff.cookie } });
    expect(response.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'procheck-lo-'));
    const csvFile = join(dir, 'ergebnisse.csv');
    writeFileSync(csvFile, response.rawPayload);
    // Separator ;, quote ", UTF-8, from line 1, default columns, German (1031) for decimal commas,
    // special numbers detected, and formulas evaluated — so an unneutralised formula would show.
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--infilter=CSV:59,34,76,1,,1031,false,true,false,false,false,,true', '--convert-to', 'fods', '--outdir', dir, csvFile], { stdio: 'pipe', timeout: 120_000 });
    const sheet = readFods(join(dir, 'ergebnisse.fods'));
    const csv: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true });

    expect(sheet.length).toBe(csv.length);
    csv.forEach((row, r) => {
      row.forEach((text, c) => {
        const cell = sheet[r]![c] ?? { type: 'empty', value: null, text: '', formula: false };
        expect(cell.formula, `row ${r} col ${c}`).toBe(false);
        if (text === '') expect(cell.type, `row ${r} col ${c}`).toBe('empty');
        else if (/^\d+(,\d+)?$/.test(text)) {
          expect(cell.type, `row ${r} col ${c}: ${text}`).toBe('float');
          expect(Number(cell.value)).toBe(Number(text.replace(',', '.')));
        } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
          expect(['date', 'string']).toContain(cell.type);
        } else {
          expect(cell.type, `row ${r} col ${c}: ${text}`).toBe('string');
          expect(cell.text).toBe(text);
        }
      });
    });
    const companies = csv.slice(1).map((row) => row[csv[0]!.indexOf('Betrieb (nur mit Einwilligung)')]!);
    expect(companies.filter((c) => c.startsWith("'=HYPERLINK"))).toHaveLength(3);
    expect(companies).toContain('Dachdeckerei "Oben" 0; Söhne');
  }, 180_000);
});
