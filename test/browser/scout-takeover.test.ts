/**
 * Issue 18: a visit started on one tablet continues on another. Two browser
 * contexts are two tablets of the same scout: the first shows the business
 * its code as soon as the visit exists, edits offline and syncs when the
 * network returns; the second takes the visit over with answers and notes
 * from the server, issues a new code, and finishes the page it is on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, createUser, login } from '../helpers/accounts.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, RESUME_CODE, answerSection, plannedAnswers } from './check-driver.ts';
import { TABLET_LANDSCAPE, answerVisitSection, createVisit, goToNextVisitPage, logInAsScout, outboxSize, waitingChanges } from './scout-driver.ts';

const { prepared } = latestHandwerkDigital();
const sections = prepared.dimensionSections;
const BUSINESS = { ...JOINERY, companyName: 'Tischlerei Zwei-Tablets', contactPerson: 'Jan Kowalski' };
let h: Harness;
let scoutEmail: string;
let api: LoggedIn;

beforeAll(async () => {
  // A clock that moves, as the server's does: the tablets' hybrid clocks follow it, and a
  // frozen one would date the second tablet's edits before the first tablet's.
  h = await startHarness({ now: () => new Date() });
  scoutEmail = (await createUser(h.testApp.app, 'scout')).email;
  api = await login(h.testApp.app, scoutEmail);
});
afterAll(() => h.close());

const visitOnServer = async (id: string) => {
  const response = await h.testApp.app.inject({ url: `/api/visits/${id}`, headers: { cookie: api.cookie } });
  expect(response.statusCode).toBe(200);
  return response.json() as { answers: Record<string, unknown>; notes: Record<string, string>; status: string };
};

describe('taking over a visit on another tablet', () => {
  it('loads answers and notes from the server, offline edits of the first tablet included, and gives the business a code on both', { timeout: 240_000 }, async () => {
    const set = plannedAnswers(prepared, BUSINESS, 'middling');
    const first = await h.newContext({ viewport: TABLET_LANDSCAPE });
    const tabletA = await first.newPage();
    await logInAsScout(tabletA, scoutEmail);
    const id = await createVisit(tabletA, prepared, BUSINESS);
    // The code is there from the first question page on, before anything is answered.
    const codeCard = tabletA.getByRole('region', { name: 'Code für den Betrieb' });
    const code = (await codeCard.getByText(RESUME_CODE).textContent())!.trim();
    expect(code).toMatch(RESUME_CODE);

    await answerVisitSection(tabletA, prepared, sections[0]!.id, set, 'Online notiert.');
    await expect.poll(() => waitingChanges(tabletA), { timeout: 20_000 }).toBe(0);

    // The network drops; the scout goes on: answers and a note of the next page wait in the outbox.
    await first.setOffline(true);
    await goToNextVisitPage(tabletA, sections[1]!.title.de);
    await answerVisitSection(tabletA, prepared, sections[1]!.id, set, 'Offline notiert, später übertragen.');
    await expect.poll(() => outboxSize(tabletA)).toBeGreaterThan(0);
    expect(Object.keys((await visitOnServer(id)).notes)).toEqual([sections[0]!.dimension]);
    // Back online, the first tablet syncs before the second takes over.
    await first.setOffline(false);
    await expect.poll(() => outboxSize(tabletA), { timeout: 30_000 }).toBe(0);
    const synced = await visitOnServer(id);
    expect(synced.notes).toEqual({ [sections[0]!.dimension]: 'Online notiert.', [sections[1]!.dimension]: 'Offline notiert, später übertragen.' });

    // The second tablet: the visit is listed as begun elsewhere and can be taken over.
    const second = await h.newContext({ viewport: TABLET_LANDSCAPE });
    const tabletB = await second.newPage();
    await logInAsScout(tabletB, scoutEmail);
    const row = tabletB.locator(`[data-visit="${id}"]`);
    await row.getByText('auf einem anderen Gerät begonnen').waitFor();
    await row.getByRole('button', { name: 'Auf diesem Gerät fortsetzen' }).click();
    // It opens where the questions are still open: the third page.
    await tabletB.getByRole('heading', { level: 1, name: sections[2]!.title.de }).waitFor();

    // Everything from the first tablet is here, the offline page included.
    await tabletB.getByRole('navigation', { name: 'Schritte des Besuchs' }).getByRole('link', { name: new RegExp(prepared.dimensionById.get(sections[1]!.dimension)!.shortTitle?.de ?? sections[1]!.title.de) }).click();
    await tabletB.getByRole('heading', { level: 1, name: sections[1]!.title.de }).waitFor();
    expect(await tabletB.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).inputValue()).toBe('Offline notiert, später übertragen.');
    const question = sections[1]!.questions.find((q) => q.type === 'single' && set.answers[q.id] !== undefined)!;
    const chosen = question.type === 'single' ? question.options.find((o) => o.id === set.answers[question.id])! : null;
    expect(await tabletB.getByRole('group', { name: question.text.de }).getByRole('radio', { name: chosen!.label.de, exact: true }).isChecked()).toBe(true);

    // This tablet never knew the code; the scout issues a new one for the business.
    await tabletB.getByRole('navigation', { name: 'Schritte des Besuchs' }).getByRole('link', { name: /Betrieb/ }).first().click();
    const card = tabletB.getByRole('region', { name: 'Code für den Betrieb' });
    await card.getByText('dieses Gerät kennt ihn nicht', { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Neuen Code ausgeben' }).click();
    const newCode = (await card.getByText(RESUME_CODE).textContent())!.trim();
    expect(newCode).not.toBe(code);
    // The new code goes to the server like any edit: the business can use it as soon as it is synced.
    await expect.poll(() => outboxSize(tabletB), { timeout: 30_000 }).toBe(0);
    const resume = (resumeCode: string) => h.testApp.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode } });
    await expect.poll(async () => (await resume(newCode)).statusCode, { timeout: 30_000 }).toBe(200);

    // The second tablet goes on with the third page; everything ends up on the server.
    await tabletB.getByRole('navigation', { name: 'Schritte des Besuchs' }).getByRole('link', { name: new RegExp(prepared.dimensionById.get(sections[2]!.dimension)!.shortTitle?.de ?? sections[2]!.title.de) }).click();
    await tabletB.getByRole('heading', { level: 1, name: sections[2]!.title.de }).waitFor();
    await answerSection(tabletB, prepared, sections[2]!.id, set);
    await expect.poll(() => outboxSize(tabletB), { timeout: 30_000 }).toBe(0);
    const after = await visitOnServer(id);
    const upToThird = Object.keys(set.answers).filter((q) => [0, 1, 2].some((i) => prepared.questionById.get(q)!.sectionId === sections[i]!.id));
    for (const q of upToThird) expect(after.answers[q], q).toEqual(set.answers[q]);
    expect(after.notes).toEqual(synced.notes);
    // The new code opens the check; the old one no longer does.
    expect((await resume(newCode)).json()).toMatchObject({ id, status: 'draft' });
    expect((await resume(code)).statusCode).toBe(404);
  });
});
