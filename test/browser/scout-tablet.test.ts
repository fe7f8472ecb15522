/**
 * The scouts' area on the tablets scouts carry: landscape 1024 × 768 and
 * portrait 768 × 1024. The visit list and a question page fit without
 * horizontal scrolling and every control is a comfortable touch target;
 * screenshots for the docs; logging out with unsynced data warns and keeps it.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import type { SyncChange } from '../../api/visits.ts';
import { type LoggedIn, PASSWORD, createUser, login } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, answerQuestion, plannedAnswers } from './check-driver.ts';
import {
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  auditPage,
  createVisit,
  logInAsScout,
  offlineShown,
  outboxSize,
  waitUntilOfflineReady,
  waitingChanges,
} from './scout-driver.ts';

const { prepared } = handwerkDigital();
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
// The README's scout screenshots are rewritten only on request, so a test run leaves the work tree clean.
const docs = (name: string) =>
  process.env.PROCHECK_WRITE_SCREENSHOTS ? fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)) : join(tmpdir(), `procheck-${name}`);
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

/** Visits made on "another tablet" through the sync API: one submitted, one still a draft. */
async function visitsFromAnotherTablet(scout: LoggedIn) {
  let seq = 0;
  const change = (visitId: string, body: Pick<SyncChange, 'create' | 'set' | 'submit'>): SyncChange => ({
    changeId: randomUUID(),
    visitId,
    questionnaireId: 'handwerk-digital',
    version: '1.0.0',
    deviceId: 'tablet-other',
    seq: seq++,
    at: new Date(Date.parse('2026-11-20T09:00:00Z') + seq * 1000).toISOString(),
    ...body,
  });
  const code = () => Array.from({ length: 28 }, () => RESUME_ALPHABET[randomInt(RESUME_ALPHABET.length)]).join('').match(/.{4}/g)!.join('-');
  const bakery = completeAnswerSet(prepared, 'strong', { trade: 'lebensmittel', employees: '10-19', postcode: '44135', companyName: 'Bäckerei Sonnenkorn' });
  const done = randomUUID();
  const draft = randomUUID();
  const changes = [
    change(done, { create: { resumeCode: code(), visitDate: '2026-11-18', business: { name: 'Bäckerei Sonnenkorn', trade: 'lebensmittel', employees: '10-19', postcode: '44135' } } }),
    change(done, { set: { profile: bakery.profile, answers: bakery.answers, relevance: bakery.relevance }, submit: true }),
    change(draft, { create: { resumeCode: code(), visitDate: '2026-11-20', business: { name: 'Elektro Brandt GmbH', trade: [...prepared.tradeIds][1]!, employees: '5-9', postcode: '45127', contactPerson: 'Jonas Brandt' } } }),
  ];
  const response = await harness.testApp.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes } });
  expect(response.statusCode).toBe(200);
}

/** The page fits the viewport's width, and every visible control is at least 44 px high and wide. */
async function checkTabletFit(page: Page) {
  const report = await page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, select, textarea, input, summary');
    for (const control of controls) {
      // A radio or checkbox is hit through its label, which is the target to measure.
      const input = control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox');
      const target = input ? (control.closest('label') ?? control) : control;
      if (!target.checkVisibility() || target.closest('.skip-link')) continue;
      const box = target.getBoundingClientRect();
      if (box.height < 44 || box.width < 44) small.push(`${target.tagName.toLowerCase()}.${target.className} "${(target.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, small };
  });
  expect(report.scrollWidth).toBeLessThanOrEqual(report.width);
  expect(report.small).toEqual([]);
}

describe('the scouts’ area on a tablet', () => {
  for (const [name, viewport] of [
    ['landscape', TABLET_LANDSCAPE],
    ['portrait', TABLET_PORTRAIT],
  ] as const) {
    it(`shows the visit list and a question page that fit a ${name} tablet`, { timeout: 120_000 }, async () => {
      const email = (await createUser(harness.testApp.app, 'scout')).email;
      await visitsFromAnotherTablet(await login(harness.testApp.app, email));
      const context = await harness.newContext({ viewport });
      const page = await context.newPage();
      await logInAsScout(page, email);
      await waitUntilOfflineReady(page);

      // A visit begun here while offline: it waits in the outbox.
      await context.setOffline(true);
      await offlineShown(page);
      const set = plannedAnswers(prepared, JOINERY, 'middling');
      const id = await createVisit(page, prepared, { ...JOINERY, companyName: 'Tischlerei Holzwerk Kaya', contactPerson: 'Aylin Kaya' });
      const section = prepared.dimensionSections[0]!;
      const questions = prepared.questions.filter((e) => e.sectionId === section.id).slice(0, 2);
      for (const { question } of questions) await answerQuestion(page, prepared, question, set.answers[question.id]!, set.relevance[question.id]);
      await page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).fill('Termine laufen über Papierkalender; Interesse an Online-Terminbuchung.');
      await expect.poll(() => waitingChanges(page)).toBeGreaterThan(0);
      // The docs show the page at rest: no focus ring on the last field typed into.
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await checkTabletFit(page);
      if (name === 'landscape') await page.screenshot({ path: docs('screenshot-scout-question.png') });

      await page.getByRole('link', { name: 'Digital-Check · Scouts' }).or(page.getByRole('link', { name: 'Scouts', exact: true })).click();
      await page.getByRole('heading', { level: 1, name: 'Ihre Besuche' }).waitFor();
      const own = page.locator(`[data-visit="${id}"]`);
      await own.getByText('Nur auf diesem Tablet').waitFor();
      // The server's list, fetched at login, stays merged in while offline; back online the outbox goes out.
      await page.getByText('Bäckerei Sonnenkorn').waitFor();
      await context.setOffline(false);
      await page.getByText('Elektro Brandt GmbH').waitFor();
      await expect.poll(() => waitingChanges(page), { timeout: 15_000 }).toBe(0);
      await own.getByText('Synchronisiert').waitFor();
      await checkTabletFit(page);
      if (name === 'landscape') await page.screenshot({ path: docs('screenshot-scout-visits.png') });
    });
  }

  it('warns when logging out with unsynced data, and keeps it for the next login', { timeout: 90_000 }, async () => {
    const email = (await createUser(harness.testApp.app, 'scout')).email;
    const context = await harness.newContext({ viewport: TABLET_LANDSCAPE });
    const page = await context.newPage();
    await logInAsScout(page, email);
    await waitUntilOfflineReady(page);
    await context.setOffline(true);
    await offlineShown(page);
    const id = await createVisit(page, prepared, { ...JOINERY, companyName: 'Malerbetrieb Offline', contactPerson: 'Max Weiß' });
    await page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).fill('Noch nicht übertragen');
    const waiting = await outboxSize(page);
    expect(waiting).toBeGreaterThan(0);
    await expect.poll(() => waitingChanges(page)).toBe(waiting);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Noch nicht alles übertragen' });
    await dialog.waitFor();
    await dialog.getByText(`${waiting} Änderungen sind noch nicht beim Server.`).waitFor();
    await dialog.getByText('Sie werden nicht gelöscht').waitFor();
    // Offline there is nothing to sync with: only keep-and-log-out or cancel.
    expect(await dialog.getByRole('button', { name: 'Erst synchronisieren' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: prepared.dimensionSections[0]!.title.de }).waitFor();

    const sessionCookie = (await context.cookies()).find((c) => c.name === 'procheck_session')!;
    const serverSession = () => harness.testApp.app.inject({ url: '/api/auth/me', headers: { cookie: `procheck_session=${sessionCookie.value}` } }).then((r) => r.statusCode);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await dialog.getByRole('button', { name: 'Abmelden, Daten bleiben auf dem Tablet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmeldung für Prozess-Scouts' }).waitFor();
    expect(await outboxSize(page)).toBe(waiting);
    // Offline the server could not hear of it: the session lives on …
    expect(await serverSession()).toBe(200);

    // … until the tablet is online again: the logout reaches the server before anything else.
    await context.setOffline(false);
    await expect.poll(serverSession, { timeout: 15_000 }).toBe(401);
    // The next login sends what waited.
    await logInAsScout(page, email);
    await expect.poll(() => waitingChanges(page), { timeout: 15_000 }).toBe(0);
    const scout = await login(harness.testApp.app, email);
    const visit = await harness.testApp.app.inject({ url: `/api/visits/${id}`, headers: { cookie: scout.cookie } });
    expect(visit.json()).toMatchObject({ business: { name: 'Malerbetrieb Offline' }, notes: { [prepared.dimensionSections[0]!.dimension]: 'Noch nicht übertragen' } });
  });

  it('when the session has ended, keeps working, asks for a new login and then syncs everything', { timeout: 90_000 }, async () => {
    const email = (await createUser(harness.testApp.app, 'scout')).email;
    const context = await harness.newContext({ viewport: TABLET_LANDSCAPE });
    const page = await context.newPage();
    await logInAsScout(page, email);
    await waitUntilOfflineReady(page);
    await context.setOffline(true);
    await offlineShown(page);
    const id = await createVisit(page, prepared, { ...JOINERY, companyName: 'Glaserei Sitzung', contactPerson: 'Lena Glas' });
    await page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).fill('Vor dem Ablauf der Sitzung notiert');
    const waiting = await outboxSize(page);

    // Meanwhile the server forgets every session (expired, or revoked by an admin).
    await harness.testApp.app.sql.run('DELETE FROM sessions');
    await context.setOffline(false);
    const banner = page.getByRole('region', { name: 'Bitte melden Sie sich erneut an' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await outboxSize(page)).toBe(waiting);
    // Work goes on meanwhile and is kept.
    await page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).fill('Vor dem Ablauf der Sitzung notiert, danach ergänzt');
    await banner.getByText('Erneut anmelden').click();
    await banner.getByLabel('Passwort').fill(PASSWORD);
    await banner.getByRole('button', { name: 'Anmelden' }).click();
    await banner.waitFor({ state: 'hidden' });
    await expect.poll(() => waitingChanges(page), { timeout: 15_000 }).toBe(0);
    const scout = await login(harness.testApp.app, email);
    const visit = await harness.testApp.app.inject({ url: `/api/visits/${id}`, headers: { cookie: scout.cookie } });
    expect(visit.json()).toMatchObject({ notes: { [prepared.dimensionSections[0]!.dimension]: 'Vor dem Ablauf der Sitzung notiert, danach ergänzt' } });
  });

  it('passes axe-core (WCAG 2.1 AA) on the login, the visit list, the business form, a question page and the completion page', { timeout: 90_000 }, async () => {
    const email = (await createUser(harness.testApp.app, 'scout')).email;
    // The scanner is injected as a script, which the app's CSP rightly forbids; this context looks past it.
    const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: TABLET_LANDSCAPE, locale: 'de-DE', bypassCSP: true });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    await page.goto('/scout');
    await page.getByRole('heading', { level: 1, name: 'Anmeldung für Prozess-Scouts' }).waitFor();
    found.login = await auditPage(page, AXE);
    await logInAsScout(page, email);
    await waitUntilOfflineReady(page);
    found.list = await auditPage(page, AXE);
    await page.getByRole('link', { name: 'Neuer Besuch' }).click();
    await page.getByRole('button', { name: 'Besuch anlegen und Fragebogen starten' }).click();
    await page.getByText('Bitte prüfen Sie die markierten Angaben.').waitFor();
    found.businessWithErrors = await auditPage(page, AXE);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    const id = await createVisit(page, prepared, { ...JOINERY, companyName: 'Dachdeckerei Axe', contactPerson: 'Ida Axe' });
    found.question = await auditPage(page, AXE);
    await page.goto(`/scout/besuch/${id}/abschluss`);
    await page.getByRole('heading', { level: 2, name: /^Noch \d+ offene Pflichtangaben$/ }).waitFor();
    found.review = await auditPage(page, AXE);
    expect(found).toEqual({ login: [], list: [], businessWithErrors: [], question: [], review: [] });
    await context.close();
  });
});
