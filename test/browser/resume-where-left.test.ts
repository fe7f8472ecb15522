/**
 * Issue 18: a business that comes back lands where it left off — by typed
 * code, by the resume link and by "Weitermachen" — or on the review once it
 * has answered everything required; the progress counts required questions
 * only, keeps its total as follow-ups appear and reaches the end.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerSet } from '../../questionnaires/engine/index.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, answerQuestion, answerSection, checkState, credentialsOnPage, fillProfile, goNext, plannedAnswers, waitUntilSaved } from './check-driver.ts';

const { prepared } = latestHandwerkDigital();
const sections = prepared.dimensionSections;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Required answers only: the optional free texts stay empty, as most businesses leave them. */
function requiredOnly(set: AnswerSet): AnswerSet {
  const answers = Object.fromEntries(Object.entries(set.answers).filter(([id]) => prepared.questionById.get(id)!.question.required));
  return { ...set, answers };
}

const progressText = (page: Page) => page.getByRole('progressbar').getAttribute('aria-valuetext');

async function startWithProfile(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Check starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
  await fillProfile(page, prepared, JOINERY);
  await goNext(page, sections[0]!.title.de);
}

describe('resuming where the business left off', () => {
  it('opens the page it left on (step 5 of 9) by typed code, by link and by "Weitermachen", though earlier pages have optional questions open', { timeout: 120_000 }, async () => {
    const set = requiredOnly(plannedAnswers(prepared, JOINERY, 'middling'));
    const office = await h.newPage();
    await startWithProfile(office);
    const { id, resumeCode } = await credentialsOnPage(office);
    const link = await office.getByRole('textbox', { name: 'Link zum Fortsetzen' }).inputValue();
    // Strategie, Kunden and Auftrag answered (required only), then on to Einkauf (step 5 of 9) and one answer there.
    for (let i = 0; i < 3; i++) {
      await answerSection(office, prepared, sections[i]!.id, set);
      await goNext(office, sections[i + 1]!.title.de);
    }
    const leftOn = sections[3]!;
    const first = prepared.questions.find((e) => e.sectionId === leftOn.id)!.question;
    await answerQuestion(office, prepared, first, set.answers[first.id]!);
    await waitUntilSaved(office);
    expect((await checkState(h.baseUrl, id, resumeCode)) as unknown as { step: string }).toMatchObject({ step: leftOn.id });
    const expected = `${h.baseUrl}/check/${id}/${leftOn.id}`;

    const byCode = await h.newPage();
    await byCode.goto('/fortsetzen');
    await byCode.getByRole('textbox', { name: 'Ihr Code' }).fill(resumeCode.toLowerCase().replace(/-/g, ' '));
    await byCode.getByRole('button', { name: 'Weitermachen', exact: true }).click();
    await byCode.getByRole('heading', { level: 1, name: leftOn.title.de }).waitFor();
    expect(byCode.url()).toBe(expected);

    const byLink = await h.newPage();
    await byLink.goto(link);
    await byLink.getByRole('heading', { level: 1, name: leftOn.title.de }).waitFor();
    expect(byLink.url()).toBe(expected);

    // The same device, another day: the start page offers to continue.
    await office.goto('/');
    await office.getByRole('link', { name: 'Weitermachen, wo ich aufgehört habe' }).click();
    await office.getByRole('heading', { level: 1, name: leftOn.title.de }).waitFor();
    expect(office.url()).toBe(expected);
  });

  it('opens the review once everything required is answered, wherever the business last was', { timeout: 120_000 }, async () => {
    const set = requiredOnly(plannedAnswers(prepared, JOINERY, 'strong'));
    const page = await h.newPage();
    await startWithProfile(page);
    const { id } = await credentialsOnPage(page);
    for (const section of sections) {
      await page.goto(`/check/${id}/${section.id}`);
      await page.getByRole('heading', { level: 1, name: section.title.de }).waitFor();
      await answerSection(page, prepared, section.id, set);
    }
    // Back to the first page to look something up, then gone.
    await page.goto(`/check/${id}/${sections[0]!.id}`);
    await page.getByRole('heading', { level: 1, name: sections[0]!.title.de }).waitFor();
    await waitUntilSaved(page);
    const link = await page.getByRole('textbox', { name: 'Link zum Fortsetzen' }).inputValue();
    const other = await h.newPage();
    await other.goto(link);
    await other.getByRole('heading', { level: 1, name: 'Übersicht und Abschluss' }).waitFor();
    await other.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    expect(other.url()).toBe(`${h.baseUrl}/check/${id}/pruefen`);
  });
});

describe('the progress', () => {
  it('counts required questions only, keeps its total as follow-ups appear, and reaches the end with optional questions open', { timeout: 120_000 }, async () => {
    const set = requiredOnly(plannedAnswers(prepared, JOINERY, 'strong'));
    const page = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await startWithProfile(page);
    const initial = await progressText(page);
    const total = Number(/von (\d+)/.exec(initial ?? '')?.[1]);
    expect(total).toBeGreaterThan(0);
    const totals = new Set<number>();
    for (const section of sections) {
      await page.goto(`/check/${(await credentialsOnPage(page)).id}/${section.id}`);
      for (const entry of prepared.questions.filter((e) => e.sectionId === section.id)) {
        const value = set.answers[entry.question.id];
        if (value === undefined) continue;
        await answerQuestion(page, prepared, entry.question, value);
        totals.add(Number(/von (\d+)/.exec((await progressText(page)) ?? '')?.[1]));
      }
    }
    // Follow-ups (reviews after a Google profile, mobile order software, restore tests) appeared on the way.
    expect([...totals]).toEqual([total]);
    await expect.poll(() => progressText(page)).toBe(`${total} von ${total} Fragen beantwortet`);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await goNext(page, 'Übersicht und Abschluss');
    await page.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    expect(await progressText(page)).toBe(`${total} von ${total} Fragen beantwortet`);
  });
});
