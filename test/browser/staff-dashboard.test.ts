/**
 * The chamber's area in a real browser against a real server: staff log in,
 * filter and group the dashboard, see a small trade suppressed, download the
 * results CSV and open it in LibreOffice; staff never see the admin pages;
 * an admin manages accounts and reads the audit log.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredResult } from '../../questionnaires/engine/index.ts';
import { PASSWORD, createUser } from '../helpers/accounts.ts';
import { completeAnswerSet, type Strength } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { excelMean } from '../helpers/excel-figures.ts';
import { convertCsvToFods, readFods, sheetMismatches } from '../helpers/fods.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { audit } from './axe-audit.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const { prepared } = handwerkDigital();
const DESKTOP = { width: 1280, height: 900 };
const COMBINED = 'zusammengefasst (zum Schutz kleiner Gruppen)';

// Six food businesses in Bottrop, five wood and five building businesses elsewhere; two metal and three glass
// businesses are too few to show by trade, so the release counts them together as five of "all trades".
const SEED: [trade: string, employees: string, postcode: string, strengths: Strength[]][] = [
  ['lebensmittel', '2-4', '46236', ['weak', 'weak', 'middling', 'middling', 'strong', 'strong']],
  ['holz-kunststoff', '5-9', '45879', ['weak', 'middling', 'middling', 'strong', 'strong']],
  ['bau-ausbau', '10-19', '45657', ['weak', 'weak', 'middling', 'strong', 'strong']],
  ['elektro-metall', '2-4', '46236', ['middling', 'strong']],
  ['glas-papier-keramik-sonstige', '1', '45879', ['weak', 'middling', 'strong']],
];

let harness: Harness;
let downloads: string;
let staffEmail: string;
let adminEmail: string;
const results: Record<string, ScoredResult[]> = {};

beforeAll(async () => {
  harness = await startHarness();
  downloads = mkdtempSync(join(tmpdir(), 'procheck-staff-'));
  const { app } = harness.testApp;
  for (const [trade, employees, postcode, strengths] of SEED) {
    for (const strength of strengths) {
      const { result } = await submitAnswerSet(app, completeAnswerSet(prepared, strength, { trade, employees, postcode }));
      (results[trade] ??= []).push((result as { result: ScoredResult }).result);
    }
  }
  staffEmail = (await createUser(app, 'staff')).email;
  adminEmail = (await createUser(app, 'admin')).email;
});
afterAll(async () => {
  await harness?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const decimal = (value: number) => String(value).replace('.', ',');
const meanOf = excelMean;
const allScores = () => Object.values(results).flat().map((r) => r.overall.score);

async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** The polite status line under the filters, once the figures for the current filters have arrived. */
const dashboardStatus = (page: Page) => page.locator('.dashboard__status');

describe('chamber staff', () => {
  it('log in, filter and group the dashboard, see small trades combined and download the results as CSV', { timeout: 180_000 }, async () => {
    const page = await harness.newPage({ viewport: DESKTOP });
    await page.goto('/kammer');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();

    // A wrong password: a clear message, the password emptied and focused for the next try.
    await logIn(page, staffEmail, 'nicht-das-richtige');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('E-Mail-Adresse oder Passwort ist falsch');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-password');

    await logIn(page, staffEmail);
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/kammer/dashboard');
    await expect.poll(() => dashboardStatus(page).textContent()).toBe('21 abgeschlossene Checks im gewählten Ausschnitt');
    await expect(page.locator('.dashboard__release').textContent()).resolves.toContain('5 von 21 Checks zählen nur in gröberen Ansichten');
    // The charts carry their figures for screen readers.
    const overall = page.getByRole('img', { name: /^Digitalisierungsindex \(gesamt\): Mittelwert/ });
    await expect(overall.getAttribute('aria-label')).resolves.toContain(`Mittelwert ${decimal(meanOf(allScores()))},`);
    await expect(overall.getAttribute('aria-label')).resolves.toContain('(21 Betriebe)');
    await expect(page.getByRole('img', { name: /^Reifegrade: Einsteiger \d+/ }).isVisible()).resolves.toBe(true);
    // The combined five are known only by "all time", so the month shows the other sixteen.
    const byMonth = ['lebensmittel', 'holz-kunststoff', 'bau-ausbau'].flatMap((trade) => results[trade]!.map((r) => r.overall.score));
    await expect(page.getByRole('img', { name: 'Entwicklung je Monat Nov. 2026: Mittelwert ' + decimal(meanOf(byMonth)) + ' (16 Checks)' }).isVisible()).resolves.toBe(true);

    // Group by trade: metal (two checks) and glass (three) have no row of their own, only together as "combined".
    await page.getByLabel('Gruppieren nach').selectOption({ label: 'Gewerbegruppe' });
    await page.waitForURL(/\/kammer\/dashboard\?groupBy=trade$/);
    const table = page.getByRole('table', { name: 'Kennzahlen nach Gewerbegruppe' });
    await table.waitFor();
    await expect(table.getByRole('row', { name: /^Elektro- und Metallgewerbe/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('img', { name: /^Elektro- und Metallgewerbe/ }).count()).resolves.toBe(0);
    const combined = table.getByRole('row', { name: new RegExp(`^${COMBINED.replace(/[()]/g, '\\$&')}`) });
    await expect(combined.getByRole('cell').first().textContent()).resolves.toBe('5');
    const food = table.getByRole('row', { name: /^Lebensmittelgewerbe/ });
    await expect(food.getByRole('cell').first().textContent()).resolves.toBe('6');
    const foodMean = meanOf(results['lebensmittel']!.map((r) => r.overall.score));
    await expect(food.getByRole('cell').nth(1).textContent()).resolves.toBe(decimal(foodMean));

    // Filter by trade; the filter is in the address bar and the back button undoes it.
    const trade = page.getByLabel('Gewerbegruppe', { exact: true });
    await trade.focus();
    await trade.selectOption({ label: 'Lebensmittelgewerbe' });
    await page.waitForURL(/\?trade=lebensmittel&groupBy=trade$/);
    await expect.poll(() => dashboardStatus(page).textContent()).toBe('6 abgeschlossene Checks im gewählten Ausschnitt');
    // Changing a filter keeps the focus on it.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filter-trade');
    await page.goBack();
    await expect.poll(() => dashboardStatus(page).textContent()).toBe('21 abgeschlossene Checks im gewählten Ausschnitt');
    await expect(trade.inputValue()).resolves.toBe('');
    await page.goForward();
    await expect.poll(() => dashboardStatus(page).textContent()).toBe('6 abgeschlossene Checks im gewählten Ausschnitt');
    await expect(trade.inputValue()).resolves.toBe('lebensmittel');

    // A shared link opens the same view.
    const shared = await harness.newContext({ viewport: DESKTOP });
    const other = await shared.newPage();
    await other.goto(page.url().replace(/^https?:\/\/[^/]+/, ''));
    await logIn(other, staffEmail);
    await expect.poll(() => dashboardStatus(other).textContent()).toBe('6 abgeschlossene Checks im gewählten Ausschnitt');
    await shared.close();

    // The exports carry the filters; the results export never the grouping.
    const resultsLink = page.getByRole('link', { name: 'Ergebnisse je Check (CSV)' });
    await expect(resultsLink.getAttribute('href')).resolves.toBe('/api/exports/results.csv?trade=lebensmittel&locale=de');
    await expect(page.getByRole('link', { name: 'Kennzahlen (CSV)' }).getAttribute('href')).resolves.toBe('/api/exports/aggregates.csv?trade=lebensmittel&groupBy=trade&locale=de');
    await expect(page.getByText(/Die Exporte der Auswertung sind anonymisiert und enthalten keine Kontaktdaten/).textContent()).resolves.toMatch(/im Protokoll festgehalten/);

    const [download] = await Promise.all([page.waitForEvent('download'), resultsLink.click()]);
    expect(download.suggestedFilename()).toBe('procheck-ergebnisse-2026-11-23.csv');
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    const csv: string[][] = parse(bytes, { delimiter: ';', bom: true });
    const [header, ...rows] = csv;
    const food6 = results['lebensmittel']!;
    expect(rows).toHaveLength(food6.length);
    expect(rows.every((r) => r[4] === 'Lebensmittelgewerbe' && r[6] === 'Bottrop')).toBe(true);
    // The overall score and the first dimension's score, each as the seeded checks scored them, with decimal commas.
    expect(rows.map((r) => r[7]).sort()).toEqual(food6.map((r) => decimal(r.overall.score)).sort());
    const dimension = prepared.definition.dimensions[0]!;
    const column = header!.indexOf(`${dimension.shortTitle?.de ?? dimension.title.de}: Punkte`);
    expect(column).toBeGreaterThan(8);
    const dimensionScores = food6.map((r) => r.dimensions.find((d) => d.id === dimension.id)!.score);
    expect(rows.map((r) => r[column]).sort()).toEqual(dimensionScores.map(decimal).sort());
    const fractional = rows.flat().filter((cell) => /^\d+,\d+$/.test(cell));
    expect(fractional.length).toBeGreaterThan(0);
    expect(rows.flat().some((cell) => /^\d+\.\d+$/.test(cell))).toBe(false);

    // The same file in LibreOffice with German import settings: numbers are numbers, text is text.
    const sheet = readFods(convertCsvToFods(file, downloads));
    expect(sheetMismatches(sheet, csv)).toEqual([]);
    const cells = sheet.slice(1).map((row) => row[column]!);
    expect(cells.every((c) => c.type === 'float')).toBe(true);
    expect(cells.map((c) => Number(c.value)).sort((a, b) => a - b)).toEqual([...dimensionScores].sort((a, b) => a - b));
    expect(sheet[0]![column]!.text).toBe(header![column]);
  });

  it('do not see the admin pages, can switch the language and log out', { timeout: 60_000 }, async () => {
    const page = await harness.newPage({ viewport: DESKTOP });
    await page.goto('/kammer');
    await logIn(page, staffEmail);
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Kammerbereich' }).getByRole('link');
    await expect(tabs.allTextContents()).resolves.toEqual(['Auswertung', 'Anfragen', 'Angebote', 'E-Mail']);

    await page.goto('/kammer/benutzer');
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await page.goto('/kammer/protokoll');
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    // Nor does the server answer this session.
    expect((await page.request.get('/api/users')).status()).toBe(403);
    expect((await page.request.get('/api/audit')).status()).toBe(403);

    await page.getByRole('link', { name: 'Zur Auswertung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Analysis' }).waitFor();
    await expect.poll(() => dashboardStatus(page).textContent()).toBe('21 submitted checks in the current selection');
    await expect(page.getByRole('link', { name: 'Results per check (CSV)' }).getAttribute('href')).resolves.toBe('/api/exports/results.csv?locale=en');
    await page.getByRole('button', { name: /Deutsch/ }).click();

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await expect(page.getByText('Sie haben sich abgemeldet.').isVisible()).resolves.toBe(true);
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    await page.goto('/kammer/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  });

  it('are told when logins for their account are throttled', { timeout: 60_000 }, async () => {
    const { app } = harness.testApp;
    const user = await createUser(app, 'staff');
    // Five failures from this browser's address block the account there for a while, even with the right password
    // (failures from elsewhere would not: test/server/security.test.ts).
    for (let i = 0; i < 5; i++) {
      const failed = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'geraten-geraten' }, remoteAddress: '127.0.0.1' });
      expect(failed.statusCode).toBe(401);
    }
    const page = await harness.newPage({ viewport: DESKTOP });
    await page.goto('/kammer');
    await logIn(page, user.email);
    // The wait comes from Retry-After: the first failure leaves the 15-minute window in (about) 15 minutes.
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Zu viele fehlgeschlagene Anmeldungen\. Bitte versuchen Sie es in 1[45] Minuten erneut\./);
  });
});

describe('an admin', () => {
  it('creates an account, changes its role, disables it and finds all of it in the audit log', { timeout: 90_000 }, async () => {
    const page = await harness.newPage({ viewport: DESKTOP });
    await page.goto('/kammer');
    await logIn(page, adminEmail);
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Kammerbereich' });
    await expect(tabs.getByRole('link').allTextContents()).resolves.toEqual(['Auswertung', 'Anfragen', 'Angebote', 'E-Mail', 'Benutzer', 'Protokoll']);

    await tabs.getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();
    const email = `petra.neu-${Date.now()}@hwk-beispiel.de`;
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Name (optional)').fill('Petra Neu');
    await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Kammer-Mitarbeiter/in' });
    await page.getByRole('button', { name: 'Konto anlegen' }).click();

    // The generated password is shown once, and the focus is on it.
    const created = page.locator('.created-user');
    await created.getByText(`Konto für ${email} angelegt.`).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('created-user'))).toBe(true);
    const password = (await created.locator('code').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    const login = await fetch(`${harness.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);

    const row = page.getByRole('row', { name: /Petra Neu/ });
    await expect(row.getByText('aktiv', { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Rolle von Petra Neu').selectOption({ label: 'Prozess-Scout' });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Rolle von Petra Neu geändert' }).textContent()).toBe('Rolle von Petra Neu geändert: Prozess-Scout.');
    await row.getByRole('button', { name: 'Sperren Petra Neu' }).click();
    await row.getByText('gesperrt', { exact: true }).waitFor();
    const users = ((await (await page.request.get('/api/users?limit=200')).json()) as { items: { email: string; role: string; disabled: boolean }[] }).items;
    expect(users.find((u) => u.email === email)).toMatchObject({ role: 'scout', disabled: true });
    // The admin's own account cannot be disabled from here.
    await expect(page.getByRole('row').filter({ hasText: adminEmail }).getByRole('button').count()).resolves.toBe(0);

    await tabs.getByRole('link', { name: 'Protokoll' }).click();
    await page.getByRole('heading', { level: 1, name: 'Protokoll' }).waitFor();
    const log = page.getByRole('table', { name: 'Protokolleinträge' });
    const creation = log.getByRole('row').filter({ hasText: 'Konto angelegt' }).filter({ hasText: email });
    await expect(creation.textContent()).resolves.toContain(adminEmail);
    await expect(creation.textContent()).resolves.toContain('role: staff');
    await expect(log.getByRole('row').filter({ hasText: 'Konto geändert' }).filter({ hasText: 'role: scout' }).count()).resolves.toBe(1);
    // The staff member's export from the first test, with its filter.
    const exported = log.getByRole('row').filter({ hasText: 'Export: Ergebnisse (CSV)' }).filter({ hasText: staffEmail });
    await expect(exported.first().textContent()).resolves.toContain('trade: lebensmittel');
  });
});

describe('the chamber area', () => {
  it('passes axe-core (WCAG 2.1 AA) on every page, at a desktop and at 768 px', { timeout: 90_000 }, async () => {
    for (const viewport of [DESKTOP, { width: 768, height: 1024 }]) {
      // The scanner is injected as a script, which the app's CSP rightly forbids; this context looks past it.
      const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport, bypassCSP: true, locale: 'de-DE' });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      await page.goto('/kammer');
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      found.login = await audit(page);
      await logIn(page, adminEmail);
      await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
      await page.goto('/kammer/dashboard?groupBy=trade');
      await page.getByRole('table', { name: 'Kennzahlen nach Gewerbegruppe' }).waitFor();
      await page.getByText('Zahlen als Tabelle').click();
      found.dashboard = await audit(page);
      await page.goto('/kammer/dashboard?trade=elektro-metall');
      await expect.poll(() => dashboardStatus(page).textContent()).toMatch(/^Im gewählten Ausschnitt liegen keine Zahlen/);
      found.suppressed = await audit(page);
      await page.goto('/kammer/benutzer');
      await page.getByRole('table', { name: /Alle Konten/ }).waitFor();
      found.users = await audit(page);
      await page.goto('/kammer/angebote');
      await page.getByRole('table', { name: 'Workshops' }).waitFor();
      found.offers = await audit(page);
      await page.goto('/kammer/anfragen');
      await page.getByText('Keine Anfragen für diese Filter.').waitFor();
      found.leads = await audit(page);
      await page.goto('/kammer/protokoll');
      await page.getByRole('table', { name: 'Protokolleinträge' }).waitFor();
      found.audit = await audit(page);
      await context.close();
      expect(found, `at ${viewport.width} px`).toEqual({ login: [], dashboard: [], suppressed: [], users: [], offers: [], leads: [], audit: [] });
    }
  });
});
