/**
 * A process scout's visit done offline in real Chromium: log in and load the
 * app online, lose the network, create a visit, answer and take notes, reload
 * (the service worker serves the app) with nothing lost, submit and see the
 * provisional result; then the network comes back, the visit syncs and is
 * submitted, the server's score equals the one shown offline, and the PDF
 * with notes can be handed over.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, createUser, login } from '../helpers/accounts.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, RESUME_CODE, plannedAnswers } from './check-driver.ts';
import { TABLET_LANDSCAPE, answerVisitSection, offlineShown, outboxSize, createVisit, goToNextVisitPage, logInAsScout, waitUntilOfflineReady, waitingChanges } from './scout-driver.ts';

const { prepared } = handwerkDigital();
const sections = prepared.dimensionSections;
const BUSINESS = { ...JOINERY, companyName: 'Tischlerei Offline-Test', contactPerson: 'Petra Meier' };
const NOTES = {
  [sections[0]!.dimension]: 'Inhaber plant ein Kundenportal; Förderung prüfen.',
  [sections[1]!.dimension]: 'Website veraltet, kein Impressum-Update seit 2019.',
};
let harness: Harness;
let downloads: string;
let scoutEmail: string;
let api: LoggedIn;

beforeAll(async () => {
  harness = await startHarness();
  downloads = mkdtempSync(join(tmpdir(), 'procheck-scout-downloads-'));
  scoutEmail = (await createUser(harness.testApp.app, 'scout')).email;
  api = await login(harness.testApp.app, scoutEmail);
});
afterAll(async () => {
  await harness?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const getJson = async (url: string) => {
  const response = await harness.testApp.app.inject({ url, headers: { cookie: api.cookie } });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};

/** "57,3 von 100 Punkten." → 57.3 */
const germanNumber = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

describe('a scout on a tablet without a connection', () => {
  it('creates, fills in, reloads and submits a visit offline; it syncs when the network returns', { timeout: 240_000 }, async () => {
    const context = await harness.newContext({ viewport: TABLET_LANDSCAPE });
    const page = await context.newPage();
    const set = plannedAnswers(prepared, BUSINESS, 'middling');

    await logInAsScout(page, scoutEmail);
    await waitUntilOfflineReady(page);

    await context.setOffline(true);
    await offlineShown(page);

    const id = await createVisit(page, prepared, BUSINESS);
    const half = Math.ceil(sections.length / 2);
    for (const [i, section] of sections.slice(0, half).entries()) {
      await answerVisitSection(page, prepared, section.id, set, NOTES[section.dimension]);
      await goToNextVisitPage(page, sections[i + 1]!.title.de);
    }
    // Half way through: some answers on the page we are on, then a reload, still offline.
    const current = sections[half]!;
    const firstQuestion = prepared.questions.find((e) => e.sectionId === current.id)!.question;
    await answerVisitSection(page, prepared, current.id, { ...set, answers: { [firstQuestion.id]: set.answers[firstQuestion.id]! } });
    // IndexedDB orders this read after every write the answers queued, so it sees all of them.
    const waitingBefore = await outboxSize(page);
    expect(waitingBefore).toBeGreaterThan(10);
    await expect.poll(() => waitingChanges(page)).toBe(waitingBefore);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: current.title.de }).waitFor();
    // Served by the service worker: the network is off for the page and the worker alike.
    await expect(page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).resolves.toMatch(/\/sw\.js$/);
    await offlineShown(page);
    await expect.poll(() => page.locator('.question--answered').count()).toBe(1);
    await expect.poll(() => waitingChanges(page)).toBe(waitingBefore);
    expect(await outboxSize(page)).toBe(waitingBefore);
    // The notes of an earlier page are there too.
    await page.getByRole('navigation', { name: 'Schritte des Besuchs' }).getByRole('link', { name: new RegExp(prepared.dimensionById.get(sections[0]!.dimension)!.shortTitle?.de ?? sections[0]!.title.de) }).click();
    await page.getByRole('heading', { level: 1, name: sections[0]!.title.de }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).inputValue()).resolves.toBe(NOTES[sections[0]!.dimension]);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: current.title.de }).waitFor();

    for (const [i, section] of sections.slice(half).entries()) {
      await answerVisitSection(page, prepared, section.id, set);
      await goToNextVisitPage(page, sections[half + i + 1]?.title.de ?? 'Abschluss des Besuchs');
    }
    await page.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    const resumeCode = (await page.locator('.handover__code').textContent())?.trim() ?? '';
    expect(resumeCode).toMatch(RESUME_CODE);
    // Nothing has reached the server yet.
    expect(((await getJson('/api/visits')).body as unknown as { items: { id: string }[] }).items.some((v) => v.id === id)).toBe(false);

    await page.getByRole('button', { name: 'Besuch abschließen und Ergebnis zeigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ergebnis des Besuchs' }).waitFor();
    await page.getByText('Vorläufig, wird beim Synchronisieren gespeichert').waitFor();
    const shown = (await page.getByText(/^[\d,.]+ von 100 Punkten\./).textContent())!;
    const offlineScore = germanNumber(shown.split(' ')[0]!);
    expect(offlineScore).toBeGreaterThan(0);
    await expect(page.locator('.handover__code').textContent()).resolves.toBe(resumeCode);
    await page.getByText('Den PDF-Bericht gibt es, sobald der Besuch übertragen ist.').waitFor();

    // The network comes back: the outbox is sent, the server scores the visit, the page shows the server's result.
    await context.setOffline(false);
    await page.getByText(/^Vom Server gespeichert am /).waitFor({ timeout: 30_000 });
    await expect.poll(() => waitingChanges(page), { timeout: 10_000 }).toBe(0);

    const visit = await getJson(`/api/visits/${id}`);
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({
      status: 'submitted',
      answers: set.answers,
      relevance: set.relevance,
      business: { name: BUSINESS.companyName, contactPerson: BUSINESS.contactPerson },
      notes: NOTES,
    });
    const result = await getJson(`/api/assessments/${id}/result`);
    const serverScore = (result.body.result as { overall: { score: number } }).overall.score;
    expect(serverScore).toBe(offlineScore);
    const serverShown = (await page.getByText(/^[\d,.]+ von 100 Punkten\./).textContent())!;
    expect(germanNumber(serverShown.split(' ')[0]!)).toBe(serverScore);
    // The code made on the tablet opens the business's result like any other.
    const resumed = await harness.testApp.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode } });
    expect(resumed.json()).toEqual({ id, status: 'submitted' });

    // The PDF with the notes, handed over on the spot.
    await expect(page.getByRole('checkbox', { name: 'Notizen in den Bericht aufnehmen' }).isChecked()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF-Bericht herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procheck-bericht-tischlerei-offline-test-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(BUSINESS.companyName);
    expect(text).toContain(NOTES[sections[0]!.dimension]);

    // Confirmed by the server: the tablet keeps only what the list needs.
    await page.getByRole('link', { name: 'Zur Besuchsliste' }).first().click();
    const row = page.locator(`[data-visit="${id}"]`);
    await row.getByText('Abgeschlossen', { exact: true }).waitFor();
    await row.getByText('Synchronisiert').waitFor();
    const stored = await page.evaluate(
      (visitId) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const open = indexedDB.open('procheck-scout');
          open.onsuccess = () => {
            const request = open.result.transaction('visits').objectStore('visits').get(visitId);
            request.onsuccess = () => resolve(request.result as Record<string, unknown>);
            request.onerror = () => reject(request.error);
          };
        }),
      id,
    );
    expect(stored).toMatchObject({ status: 'submitted', cleared: true, resumeCode: null, answers: {}, notes: {}, business: { name: BUSINESS.companyName } });
  });
});
