/**
 * The results export opened the way a chamber opens it: LibreOffice (headless)
 * imports the CSV with German settings into a spreadsheet, and every cell must
 * match what a CSV parser reads — numbers as numbers, text as text, and no
 * formula anywhere.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { convertCsvToFods, readFods, sheetMismatches } from '../helpers/fods.ts';
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

describe('results.csv and leads.csv in LibreOffice', () => {
  it('opens results.csv as a spreadsheet whose cells match the CSV, with numbers as numbers and no contact details', async () => {
    const staff = await loggedInAs(t.app, 'staff');
    const response = await t.app.inject({ url: '/api/exports/results.csv', headers: { cookie: staff.cookie } });
    expect(response.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'procheck-lo-'));
    const csvFile = join(dir, 'ergebnisse.csv');
    writeFileSync(csvFile, response.rawPayload);
    const sheet = readFods(convertCsvToFods(csvFile, dir));
    const csv: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true });
    expect(sheet.length).toBe(csv.length);
    expect(sheetMismatches(sheet, csv)).toEqual([]);
    expect(response.rawPayload.toString('utf8')).not.toMatch(/example\.org|Dachdeckerei/);
  }, 180_000);

  it('opens leads.csv as a spreadsheet whose cells match the CSV, with no formulas', async () => {
    const staff = await loggedInAs(t.app, 'staff');
    const response = await t.app.inject({ url: '/api/exports/leads.csv', headers: { cookie: staff.cookie } });
    expect(response.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'procheck-lo-'));
    const csvFile = join(dir, 'anfragen.csv');
    writeFileSync(csvFile, response.rawPayload);
    const sheet = readFods(convertCsvToFods(csvFile, dir));
    const csv: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true });

    expect(sheet.length).toBe(csv.length);
    expect(sheetMismatches(sheet, csv)).toEqual([]);
    const companies = csv.slice(1).map((row) => row[csv[0]!.indexOf('Betrieb')]!);
    expect(companies.filter((c) => c.startsWith("'=HYPERLINK"))).toHaveLength(3);
    expect(companies).toContain('Dachdeckerei "Oben" 0; Söhne');
  }, 180_000);
});
