/**
 * Issue 16 in Chromium against a real server: staff add a workshop dated
 * next week in the offers editor → a business whose gap matches sees it on
 * its result page and in its PDF → asks to join, giving contact details and
 * consent → the request is in the inbox → staff mark it contacted. A workshop
 * whose date has passed is not referred.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createUser } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { readPdf } from '../reports/read-pdf.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const { prepared } = latestHandwerkDigital();
const DESKTOP = { width: 1280, height: 900 };
// The test clock stands at 2026-11-23.
const NEXT_WEEK = '2026-11-30T17:00';
let harness: Harness;
let staffEmail: string;

beforeAll(async () => {
  harness = await startHarness();
  staffEmail = (await createUser(harness.testApp.app, 'staff')).email;
});
afterAll(async () => harness?.close());

async function logIn(page: Page) {
  await page.goto('/kammer');
  await page.getByLabel('E-Mail-Adresse').fill(staffEmail);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
}

describe('offers, referrals and requests', () => {
  it('takes a workshop added next week to a business that asks to join, and into the inbox', { timeout: 180_000 }, async () => {
    const { app } = harness.testApp;
    const { created, result } = await submitAnswerSet(app, completeAnswerSet(prepared, 'weak', { trade: 'bau-ausbau', employees: '5-9', postcode: '46236', companyName: 'Dachdeckerei Oben' }));
    const topics = result.result.referrals.workshops[0].workshop.topics as string[];
    const catalogue = (await app.inject({ url: '/api/catalogue' })).json() as { topics: { id: string; title: { de: string } }[] };

    // Staff add the workshop in the offers editor.
    const staffPage = await harness.newPage({ viewport: DESKTOP });
    await logIn(staffPage);
    await staffPage.getByRole('navigation').getByRole('link', { name: 'Angebote', exact: true }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Angebote' }).waitFor();
    await staffPage.getByRole('button', { name: 'Neuer Workshop' }).click();
    const form = staffPage.getByRole('form', { name: 'Neuer Workshop' });
    await form.getByLabel('Titel (deutsch)').fill('Datensicherung am Feierabend');
    await form.getByLabel('Beginn').fill(NEXT_WEEK);
    await form.getByLabel('Kennung (klein, mit Bindestrichen)').fill('datensicherung-feierabend-2026-11-30');
    await form.getByLabel('Ende').fill('2026-11-30T19:00');
    await form.getByLabel('Online', { exact: true }).check();
    await form.getByLabel('Veranstalter').fill('Handwerkskammer-Beispiel');
    await form.getByLabel('Link zur Anmeldung').fill('https://www.example.org/anmeldung');
    for (const id of topics) await form.getByLabel(catalogue.topics.find((t) => t.id === id)!.title.de, { exact: true }).check();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await staffPage.getByText('„Datensicherung am Feierabend“ gespeichert.').waitFor();
    await staffPage.getByRole('row', { name: /Datensicherung am Feierabend/ }).waitFor();

    // A past workshop on the same topics, added through the API: never referred.
    const staffSession = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staffEmail, password: PASSWORD } });
    const cookie = /procheck_session=[^;]+/.exec(String(staffSession.headers['set-cookie']))![0];
    const past = await app.inject({
      method: 'POST',
      url: '/api/catalogue/workshops',
      headers: { cookie, 'x-csrf-token': staffSession.json().csrfToken },
      payload: { id: 'vorbei-2026-11-16', title: { de: 'Schon vorbei' }, topics, format: 'workshop', start: '2026-11-16T17:00', online: true, provider: 'HWK', registrationUrl: 'https://example.org/x' },
    });
    expect(past.statusCode).toBe(201);

    // The business sees it on its result page and in its PDF.
    const page = await harness.newPage({ viewport: DESKTOP });
    await page.goto(`/fortsetzen#${created.resumeCode}`);
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
    const workshops = page.getByRole('region', { name: 'Passende Workshops und Veranstaltungen' });
    await workshops.getByRole('heading', { level: 3, name: 'Datensicherung am Feierabend' }).waitFor();
    await expect(workshops.getByRole('heading', { name: 'Schon vorbei' }).count()).resolves.toBe(0);
    const pdf = readPdf((await app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode } })).rawPayload);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Datensicherung am Feierabend');
    expect(pdf.text).not.toContain('Schon vorbei');
    // The PDF sends the business back to its result page to ask.
    expect(pdf.text).toMatch(/Ergebnisseite \(http\S*\/\s*fortsetzen/);

    // It asks to join: contact details and consent first, then one request.
    const card = workshops.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Datensicherung am Feierabend' }) });
    await card.getByRole('button', { name: /^Ich habe Interesse/ }).click();
    const ask = page.getByRole('form', { name: /Ihre Kontaktdaten für: Datensicherung am Feierabend/ });
    await ask.getByLabel('Name', { exact: true }).fill('Mia Muster');
    await ask.getByLabel('E-Mail-Adresse').fill('mia@example.org');
    await ask.getByRole('checkbox', { name: /Ich bin einverstanden/ }).check();
    await ask.getByRole('button', { name: 'Anfrage senden' }).click();
    await card.getByText('Interesse gemeldet').waitFor();
    const help = page.getByRole('region', { name: 'Unterstützung anfragen' });
    await help.getByText(/Interesse gemeldet: Datensicherung am Feierabend/).waitFor();

    // Staff see it in the inbox and mark it contacted.
    await staffPage.getByRole('navigation').getByRole('link', { name: 'Anfragen', exact: true }).click();
    await staffPage.getByRole('heading', { level: 1, name: 'Anfragen' }).waitFor();
    const lead = staffPage.locator('.lead', { hasText: 'Dachdeckerei Oben' });
    await lead.getByText('Interesse: Datensicherung am Feierabend', { exact: false }).waitFor();
    await lead.getByLabel('Status').selectOption({ label: 'kontaktiert' });
    await staffPage.getByText('Anfrage von Mia Muster gespeichert.').waitFor();
    const leads = (await app.inject({ url: '/api/leads?status=contacted', headers: { cookie } })).json();
    expect(leads.items).toMatchObject([{ id: created.id, status: 'contacted', requests: [{ offerId: 'datensicherung-feierabend-2026-11-30', kind: 'interest' }] }]);

    // The business withdraws its consent with its resume code: the lead is gone.
    await help.getByRole('button', { name: 'Einwilligung widerrufen und Kontaktdaten löschen' }).click();
    await expect.poll(async () => (await app.inject({ url: '/api/leads', headers: { cookie } })).json().items.length).toBe(0);
  });
});
