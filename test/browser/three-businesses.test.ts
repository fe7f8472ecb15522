/**
 * What the three businesses see in the web app (Chromium, a real
 * server): strengths and "where you gain most" by the one rule, offers that
 * fit, one-person wording, honest regions, and the report's re-check link.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerSet } from '../../questionnaires/engine/index.ts';
import { getAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { bakery, metalworker, painter } from '../fixtures/three-businesses.ts';
import { readPdf } from '../reports/read-pdf.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const { prepared } = latestHandwerkDigital();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

/** Submits through the API and opens the result as the business would, with its resume link. */
async function resultPage(set: AnswerSet): Promise<{ page: Page; created: { id: string; resumeCode: string } }> {
  const { created } = await submitAnswerSet(harness.testApp.app, set);
  const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`/fortsetzen#${created.resumeCode}`);
  await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
  return { page, created };
}

const section = (page: Page, name: string) => page.getByRole('region', { name });
const areaTitles = (page: Page, name: string) => section(page, name).getByRole('list').first().getByRole('heading', { level: 3 }).allTextContents();

describe('the one-person painter who answers "nothing digital"', () => {
  it('reads kindly that nothing is a strength yet, and where he gains most — no team, no apprentices', { timeout: 90_000 }, async () => {
    const { page } = await resultPage(painter(prepared));
    const strengths = section(page, 'Ihre Stärken');
    await expect(strengths.getByText('Noch hat kein Bereich die Stufe „Anwender“ erreicht.', { exact: false }).isVisible()).resolves.toBe(true);
    await expect(strengths.getByRole('listitem').count()).resolves.toBe(0);
    await expect(areaTitles(page, 'Wo Sie am meisten gewinnen')).resolves.toEqual(['Strategie & Geschäftsmodell', 'Kunden & Marketing', 'Auftragsabwicklung & interne Prozesse']);
    const text = await page.locator('main').innerText();
    expect(text.match(/\b\w*(Team|Auszubild|Azubi|Mitarbeitende|Lehrling)\w*/g) ?? []).toEqual([]);
    expect(text).toContain('Kompetenzen & Weiterbildung');
    // No CAD/CAM or vehicle diagnosis for a painter; partners nearby and nationwide under their own headings.
    const workshops = await section(page, 'Passende Workshops und Veranstaltungen').getByRole('heading', { level: 3 }).allTextContents();
    expect(workshops.length).toBeGreaterThan(0);
    for (const title of workshops) expect(title).not.toMatch(/CAD|CNC|Kfz|Azubi/);
    const partners = section(page, 'Ansprechpartner für Sie');
    await partners.getByRole('heading', { level: 3, name: 'In Ihrer Region Gelsenkirchen' }).waitFor();
    await partners.getByRole('heading', { level: 3, name: 'Bundesweit' }).waitFor();
  });

  it('follows the report’s re-check link to a new check compared with this one, in one-person words', { timeout: 90_000 }, async () => {
    const set = painter(prepared);
    const { created } = await submitAnswerSet(harness.testApp.app, set);
    const report = await harness.testApp.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode } });
    const link = readPdf(report.rawPayload).links.find((url) => url.includes('/wiederholen/'))!;
    const { pathname, hash } = new URL(link);
    expect(pathname).toBe(`/wiederholen/${created.id}`);

    const page = await harness.newPage();
    await page.goto(`${pathname}${hash}`);
    await page.getByRole('heading', { level: 1, name: 'Check wiederholen' }).waitFor();
    // The token leaves the address bar at once; nothing is created before the click.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByRole('button', { name: 'Check wiederholen und vergleichen' }).click();
    await page.getByText('Sie wiederholen den Check.').waitFor();
    await expect(page.getByRole('textbox', { name: /Name des Betriebs/ }).inputValue()).resolves.toBe('Malerbetrieb Pinsel');

    const id = /\/check\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    const resumeCode = await page.evaluate((checkId) => JSON.parse(localStorage.getItem('procheck.checks')!).codes[checkId] as string, id);
    const state = (await getAssessment(harness.testApp.app, { id, resumeCode })).json();
    expect(state).toMatchObject({ isReassessment: true, version: prepared.definition.version, profile: { employees: '1', trade: 'bau-ausbau' } });

    // The owner alone is asked in his words, and not about apprentices or recruiting.
    await page.goto(`/check/${id}/mitarbeitende`);
    await page.getByRole('heading', { level: 1, name: 'Kompetenzen & Weiterbildung' }).waitFor();
    await page.getByText('Wie bilden Sie sich zu digitalen Themen weiter?').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Team|Auszubild|Mitarbeitende/);
  });

  it('is told when the link is not (or no longer) good, and can start afresh', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/wiederholen/00000000-0000-4000-8000-000000000000#not-a-token');
    await page.getByRole('button', { name: 'Check wiederholen und vergleichen' }).click();
    await page.getByRole('alert').getByText('Dieser Link passt zu keinem abgeschlossenen Check').waitFor();
    await page.getByRole('button', { name: 'Neuen Check ohne Vergleich starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
  });
});

describe('the mid-sized bakery', () => {
  it('sees no CAD/CAM, vehicle, construction-site, tendering or Datanorm offer', { timeout: 90_000 }, async () => {
    const { page } = await resultPage(bakery(prepared));
    const offers = [
      ...(await section(page, 'Passende Workshops und Veranstaltungen').getByRole('heading', { level: 3 }).allTextContents()),
      ...(await section(page, 'Ansprechpartner für Sie').getByRole('heading', { level: 4 }).allTextContents()),
    ];
    expect(offers.length).toBeGreaterThan(4);
    for (const title of offers) expect(title).not.toMatch(/CAD|CNC|Kfz|Diagnose|Baustelle|GAEB|e-Vergabe|Datanorm|BIM/);
    expect(offers).toContain('Digital einkaufen: Lieferanten-Onlineshops, digitale Lieferscheine und Rechnungsabgleich');
  });

  it('outside the chamber’s area is told so, and sees only nationwide partners', { timeout: 90_000 }, async () => {
    const set = bakery(prepared);
    const { page } = await resultPage({ ...set, profile: { ...set.profile, postcode: '10115' } });
    await page.getByText('Ihre Postleitzahl 10115 liegt außerhalb des Gebiets', { exact: false }).waitFor();
    const partners = section(page, 'Ansprechpartner für Sie');
    await partners.getByRole('heading', { level: 3, name: 'Bundesweit' }).waitFor();
    await expect(partners.getByRole('heading', { level: 3, name: /In Ihrer Region/ }).count()).resolves.toBe(0);
  });
});

describe('the 40-person metalworker at about 93', () => {
  it('finds IT security where he gains most, not among his strengths, and offers for his level', { timeout: 90_000 }, async () => {
    const { page } = await resultPage(metalworker(prepared));
    await expect(areaTitles(page, 'Wo Sie am meisten gewinnen')).resolves.toContain('IT-Sicherheit & Datenschutz');
    await expect(areaTitles(page, 'Ihre Stärken')).resolves.not.toContain('IT-Sicherheit & Datenschutz');
    const workshops = await section(page, 'Passende Workshops und Veranstaltungen').getByRole('heading', { level: 3 }).allTextContents();
    expect(workshops).toContain('IT-Sicherheit für Fortgeschrittene: Notfallübung, Rechtekonzept und IT-Dienstleister steuern');
    for (const title of workshops) expect(title).not.toMatch(/digitaler Fahrplan|DSGVO-Grundlagen|Phishing erkennen/);
  });
});
