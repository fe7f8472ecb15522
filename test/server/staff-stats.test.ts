import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet, type Strength } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { excelFigures, excelMean } from '../helpers/excel-figures.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;
let staff: LoggedIn;
const scores: Record<string, number[]> = {};

// Six food businesses in Bottrop, five wood businesses in Gelsenkirchen, two metal businesses: too few to
// share any description with five, so the anonymised release leaves them out of every figure.
const seed: [string, string, Strength, number][] = [
  ['lebensmittel', '46236', 'weak', 3],
  ['lebensmittel', '46236', 'middling', 2],
  ['lebensmittel', '46236', 'strong', 1],
  ['holz-kunststoff', '45879', 'middling', 5],
  ['elektro-metall', '45657', 'strong', 2],
];

beforeAll(async () => {
  t = await createTestApp();
  staff = await loggedInAs(t.app, 'staff');
  for (const [trade, postcode, strength, count] of seed) {
    for (let i = 0; i < count; i++) {
      const set = completeAnswerSet(prepared, strength, { trade, employees: '2-4', postcode, companyName: `=HYPERLINK("http://evil.example","${trade} ${i}")`, email: `${trade}${i}@example.org`, contactConsent: trade === 'holz-kunststoff' });
      const { result } = await submitAnswerSet(t.app, set);
      (scores[trade] ??= []).push(result.result.overall.score);
    }
  }
});
afterAll(async () => t.close());

const get = (url: string, session: LoggedIn = staff) => t.app.inject({ url, headers: { cookie: session.cookie } });
const mean = excelMean;

describe('GET /api/stats', () => {
  it('summarises the submitted checks of the anonymised release', async () => {
    const stats = (await get('/api/stats')).json();
    const all = [...scores['lebensmittel']!, ...scores['holz-kunststoff']!];
    expect(stats.release).toEqual({ exact: 11, coarsened: 0, withheld: 2 });
    expect(stats.total).toMatchObject({ n: 11, suppressed: false, overall: { n: 11, mean: mean(all) } });
    expect(Object.keys(stats.total.dimensions)).toEqual(prepared.definition.dimensions.map((d) => d.id));
    expect(Object.values(stats.total.levels as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(11);
    // Excel's ROUND(AVERAGE(…);1), MEDIAN and QUARTILE.INC of the same scores, exactly.
    expect(stats.total.overall).toEqual(excelFigures(all));
  });

  it('groups by trade; a trade of fewer than five is in no group', async () => {
    const stats = (await get('/api/stats?groupBy=trade')).json();
    const byKey = Object.fromEntries(stats.groups.map((g: { key: string }) => [g.key, g]));
    expect(byKey['lebensmittel']).toMatchObject({ n: 6, suppressed: false, overall: { mean: mean(scores['lebensmittel']!) } });
    expect(byKey['holz-kunststoff']).toMatchObject({ n: 5, suppressed: false });
    expect(Object.keys(byKey).sort()).toEqual(['holz-kunststoff', 'lebensmittel']);
  });

  it('filters by trade, region and period, and suppresses a filter that leaves too few', async () => {
    expect((await get('/api/stats?trade=holz-kunststoff')).json().total).toMatchObject({ n: 5 });
    expect((await get('/api/stats?region=bottrop')).json().total).toMatchObject({ n: 6 });
    expect((await get('/api/stats?from=2026-12')).json().total).toMatchObject({ n: null, suppressed: true });
    expect((await get('/api/stats?trade=elektro-metall')).json().total).toMatchObject({ suppressed: true });
  });

  it('shows the trend per month', async () => {
    const shown = [...scores['lebensmittel']!, ...scores['holz-kunststoff']!];
    expect((await get('/api/stats')).json().trend).toEqual([{ month: '2026-11', ...excelFigures(shown), suppressed: false }]);
  });

  it('names a bad filter', async () => {
    const response = await get('/api/stats?from=November&groupBy=colour');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { in: string; pointer: string }) => `${e.in} ${e.pointer}`).sort()).toEqual(['query /from', 'query /groupBy']);
  });
});

describe('GET /api/exports/results.csv', () => {
  it('is semicolon-separated UTF-8 with a BOM, one row per check of the anonymised release', async () => {
    const response = await get('/api/exports/results.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="procheck-ergebnisse-2026-11-23\.csv"/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.headers['x-procheck-withheld-checks']).toBe('2');
    expect(response.headers['x-procheck-coarsened-checks']).toBe('0');
    const rows: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true, relax_column_count: false });
    const [header, ...data] = rows;
    expect(header!.slice(0, 9)).toEqual(['Eingereicht im Zeitraum', 'Fragebogen', 'Version', 'Kanal', 'Gewerbegruppe', 'Beschäftigte', 'Region', 'Digitalisierungsindex', 'Reifegrad']);
    expect(data).toHaveLength(11);
    expect(data.map((r) => r[4])).not.toContain('Elektro- und Metallgewerbe');
    // The month, not the day: the day would tell apart checks that share every other detail.
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(['2026-11']));
  });

  it('is contact-free: consented names and e-mails are in leads.csv, with formulas neutralised', async () => {
    const results = (await get('/api/exports/results.csv')).rawPayload.toString('utf8');
    expect(results).not.toMatch(/@example\.org|HYPERLINK/);
    const rows: string[][] = parse((await get('/api/exports/leads.csv')).rawPayload, { delimiter: ';', bom: true });
    const [header, ...data] = rows;
    const company = header!.indexOf('Betrieb');
    const email = header!.indexOf('E-Mail');
    expect(data).toHaveLength(5);
    for (const r of data) expect(r[company]).toMatch(/^'=HYPERLINK/);
    expect(data.map((r) => r[email]).every((e) => e!.startsWith('holz-kunststoff'))).toBe(true);
  });

  it('writes decimal commas and the dimension scores', async () => {
    const rows: string[][] = parse((await get('/api/exports/results.csv?trade=lebensmittel')).rawPayload, { delimiter: ';', bom: true });
    const header = rows[0]!;
    expect(header).toContain(`${prepared.definition.dimensions[0]!.shortTitle?.de ?? prepared.definition.dimensions[0]!.title.de}: Punkte`);
    const values = rows.slice(1).map((r) => Number(r[7]!.replace(',', '.'))).sort((a, b) => a - b);
    expect(values).toEqual([...scores['lebensmittel']!].sort((a, b) => a - b));
  });

  it('is written to the audit log', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    await get('/api/exports/results.csv?trade=lebensmittel');
    const audit = (await get('/api/audit?limit=3', admin)).json();
    expect(audit).toContainEqual(expect.objectContaining({ action: 'export.results', actorEmail: staff.email, details: expect.objectContaining({ filters: expect.objectContaining({ trade: 'lebensmittel' }) }) }));
  });
});

describe('GET /api/exports/aggregates.csv', () => {
  it('holds the grouped figures of the dashboard', async () => {
    const response = await get('/api/exports/aggregates.csv?groupBy=trade');
    const rows: string[][] = parse(response.rawPayload, { delimiter: ';', bom: true, relax_column_count: true });
    expect(rows[0]!.slice(0, 3)).toEqual(['Gruppe', 'Anzahl Betriebe', 'Digitalisierungsindex: Mittelwert']);
    const shown = [...scores['lebensmittel']!, ...scores['holz-kunststoff']!];
    expect(rows[1]!.slice(0, 3)).toEqual(['Alle', '11', String(mean(shown)).replace('.', ',')]);
    expect(rows.map((r) => r[0])).toEqual(['Gruppe', 'Alle', 'Holz- und Kunststoffgewerbe', 'Lebensmittelgewerbe']);
    expect(rows.find((r) => r[0] === 'Lebensmittelgewerbe')?.[1]).toBe('6');
  });
});

describe('rebuilding the dashboard facts', () => {
  it('gives exactly the facts that were kept submit by submit', async () => {
    const { createFactsReader, rebuildFacts } = await import('../../server/db/facts-repository.ts');
    const snapshot = async () =>
      (await createFactsReader(t.app.sql).query('handwerk-digital'))
        .map((row) => ({
          ...row,
          counts: [...row.counts],
          totals: [...row.totals].map((x) => Math.round(x * 1000) / 1000),
          histograms: [...row.histograms],
          levels: Object.fromEntries(Object.entries(row.levels).sort()),
        }))
        .sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
    const kept = await snapshot();
    expect(await rebuildFacts(t.app.sql)).toBe(13);
    const rebuilt = await snapshot();
    expect(rebuilt).toEqual(kept);
  });
});
