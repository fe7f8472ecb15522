/**
 * Staff figures equal what a chamber computes in Excel from the same scores:
 * MEDIAN, QUARTILE.INC and ROUND(AVERAGE(…);1), in GET /api/stats and in
 * aggregates.csv, for the total, each group and each dimension.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildFacts } from '../../server/db/facts-repository.ts';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { excelFigures } from '../helpers/excel-figures.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type StoredResult, insertResults } from '../helpers/stored-results.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
const dimensionIds = prepared.definition.dimensions.map((d) => d.id);

// The two cases from issue 13, each a group of its own (one trade, one cell, so nothing is coarsened or suppressed).
const food = [0, 0, 0, 0, 0, 100, 100, 100, 100, 100];
const wood = [0, 0, 23.3, 100, 100, 100];

/** Per dimension: the overall score again, one value for all, few values with ties, and scattered tenths. */
function dimensionsOf(overall: number, i: number): Record<string, number> {
  return Object.fromEntries(
    dimensionIds.map((id, k) => {
      if (k === 0) return [id, overall];
      if (k === 1) return [id, 42.4];
      if (k === 2) return [id, ((i * 7) % 4) * 25.5];
      return [id, ((i * i * 37 + k * 113) % 1001) / 10];
    }),
  );
}

const stored: StoredResult[] = [
  ...food.map((overall, i) => ({ trade: 'lebensmittel', employees: '2-4', region: 'bottrop', month: '2026-11', overall, dimensions: dimensionsOf(overall, i) })),
  ...wood.map((overall, i) => ({ trade: 'holz-kunststoff', employees: '2-4', region: 'gelsenkirchen', month: '2026-11', overall, dimensions: dimensionsOf(overall, 10 + i) })),
];

/** What Excel says for a set of stored results: the overall index and every dimension. */
function expectedFor(results: readonly StoredResult[]) {
  return {
    overall: excelFigures(results.map((r) => r.overall)),
    dimensions: Object.fromEntries(dimensionIds.map((id) => [id, excelFigures(results.map((r) => r.dimensions[id]!))])),
  };
}

let t: TestApp;
let staff: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loggedInAs(t.app, 'staff');
  await insertResults(t.app.sql, prepared, stored);
  expect(await rebuildFacts(t.app.sql)).toBe(16);
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie: staff.cookie } });

describe('GET /api/stats', () => {
  it('gives Excel’s median, quartiles and mean for the total and every dimension', async () => {
    const stats = (await get('/api/stats')).json();
    // 0 ×7, 23.3, 100 ×8: MEDIAN 61.65, QUARTILE.INC 0 and 100, ROUND(AVERAGE;1) 51.5.
    expect(stats.total.overall).toEqual({ n: 16, mean: 51.5, median: 61.65, q1: 0, q3: 100 });
    expect(stats.total).toMatchObject(expectedFor(stored));
    expect(stats.trend).toEqual([{ month: '2026-11', n: 16, mean: 51.5, median: 61.65, q1: 0, q3: 100, suppressed: false }]);
  });

  it('gives Excel’s figures for each group', async () => {
    const stats = (await get('/api/stats?groupBy=trade')).json();
    const byKey = Object.fromEntries(stats.groups.map((g: { key: string }) => [g.key, g]));
    expect(byKey['lebensmittel'].overall).toEqual({ n: 10, mean: 50, median: 50, q1: 0, q3: 100 });
    expect(byKey['holz-kunststoff'].overall).toEqual({ n: 6, mean: 53.9, median: 61.65, q1: 5.825, q3: 100 });
    expect(byKey['lebensmittel']).toMatchObject(expectedFor(stored.filter((r) => r.trade === 'lebensmittel')));
    expect(byKey['holz-kunststoff']).toMatchObject(expectedFor(stored.filter((r) => r.trade === 'holz-kunststoff')));
  });
});

describe('GET /api/exports/aggregates.csv', () => {
  it('holds the same exact figures, with decimal commas', async () => {
    const response = await get('/api/exports/aggregates.csv?groupBy=trade');
    expect(response.statusCode).toBe(200);
    const [header, ...rows]: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true, relax_column_count: true });
    const row = (label: string) => rows.find((r) => r[0] === label)!;
    const cell = (r: string[], column: string) => r[header!.indexOf(column)];
    const number = (text: string | undefined) => Number(text!.replace(',', '.'));
    const titles = Object.fromEntries(prepared.definition.dimensions.map((d) => [d.id, d.shortTitle?.de ?? d.title.de]));
    const tradeLabel = (id: string) => prepared.definition.profile.trades.find((trade) => trade.id === id)!.label.de;

    expect(cell(row('Alle'), 'Digitalisierungsindex: Median')).toBe('61,65');
    expect(cell(row(tradeLabel('holz-kunststoff')), 'Digitalisierungsindex: 1. Quartil')).toBe('5,825');
    expect(cell(row(tradeLabel('lebensmittel')), 'Digitalisierungsindex: Median')).toBe('50');

    const groups: [string, StoredResult[]][] = [
      ['Alle', stored],
      [tradeLabel('lebensmittel'), stored.filter((r) => r.trade === 'lebensmittel')],
      [tradeLabel('holz-kunststoff'), stored.filter((r) => r.trade === 'holz-kunststoff')],
    ];
    for (const [label, results] of groups) {
      const expected = expectedFor(results);
      const figuresIn = (prefix: string) => ({
        n: Number(cell(row(label), 'Anzahl Betriebe')),
        mean: number(cell(row(label), `${prefix}: Mittelwert`)),
        median: number(cell(row(label), `${prefix}: Median`)),
        q1: number(cell(row(label), `${prefix}: 1. Quartil`)),
        q3: number(cell(row(label), `${prefix}: 3. Quartil`)),
      });
      expect(figuresIn('Digitalisierungsindex'), label).toEqual(expected.overall);
      for (const id of dimensionIds) expect(figuresIn(titles[id]!), `${label}, ${id}`).toEqual(expected.dimensions[id]);
    }
  });
});
