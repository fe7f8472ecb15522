import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, answerSection, checkState, credentialsOnPage, fillProfile, goNext, plannedAnswers, waitUntilSaved } from './check-driver.ts';

const { prepared } = handwerkDigital();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('continuing a check', () => {
  it('stops halfway, opens the resume link in a fresh browser and finishes with nothing lost', { timeout: 120_000 }, async () => {
    const set = plannedAnswers(prepared, { ...JOINERY, trade: 'elektro-metall' }, 'strong');
    const sections = prepared.dimensionSections;
    const half = Math.ceil(sections.length / 2);

    // On the first device: the profile and the first half of the sections.
    const office = await harness.newPage();
    await office.goto('/');
    await office.getByRole('button', { name: 'Check starten' }).click();
    await office.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await fillProfile(office, prepared, { ...JOINERY, trade: 'elektro-metall' });
    await goNext(office, sections[0]!.title.de);
    const { id, resumeCode } = await credentialsOnPage(office);
    const link = await office.getByRole('textbox', { name: 'Link zum Fortsetzen' }).inputValue();
    expect(link).toBe(`${harness.baseUrl}/fortsetzen#${resumeCode}`);
    await office.getByRole('button', { name: 'Link kopieren' }).click();
    await expect.poll(() => office.getByText('Link kopiert.').isVisible()).toBe(true);

    const answeredFirst: string[] = [];
    for (let i = 0; i < half; i++) {
      answeredFirst.push(...(await answerSection(office, prepared, sections[i]!.id, set)));
      await goNext(office, sections[i + 1]!.title.de);
    }
    await waitUntilSaved(office);
    // A reload on the same device stays on the same page with everything in place.
    await office.reload();
    await office.getByRole('heading', { level: 1, name: sections[half]!.title.de }).waitFor();

    // On another device: only the link is known. It lands where the business stopped.
    const phone = await harness.newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { level: 1, name: sections[half]!.title.de }).waitFor();
    expect(phone.url()).toBe(`${harness.baseUrl}/check/${id}/${sections[half]!.id}`);
    await expect.poll(() => phone.getByRole('progressbar').getAttribute('aria-valuenow')).not.toBe('0');

    // What was answered on the first device is there.
    await phone.goto(`/check/${id}/${sections[0]!.id}`);
    const firstQuestion = sections[0]!.questions[0]!;
    const chosen = firstQuestion.type === 'single' ? firstQuestion.options.find((o) => o.id === set.answers[firstQuestion.id])! : null;
    if (chosen) {
      await expect
        .poll(() => phone.getByRole('group', { name: firstQuestion.text.de }).getByRole('radio', { name: chosen.label.de, exact: true }).isChecked())
        .toBe(true);
    }

    await phone.goto(`/check/${id}/${sections[half]!.id}`);
    await phone.getByRole('heading', { level: 1, name: sections[half]!.title.de }).waitFor();
    for (let i = half; i < sections.length; i++) {
      await answerSection(phone, prepared, sections[i]!.id, set);
      await goNext(phone, sections[i + 1]?.title.de ?? 'Übersicht und Abschluss');
    }
    await phone.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    await waitUntilSaved(phone);
    await phone.getByRole('button', { name: 'Check abschließen und Ergebnis ansehen' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();

    const state = await checkState(harness.baseUrl, id, resumeCode);
    expect(state.status).toBe('submitted');
    expect(state.answers).toEqual(set.answers);
    expect(state.relevance).toEqual(set.relevance);
    expect(answeredFirst.every((q) => Object.hasOwn(state.answers, q))).toBe(true);
  });

  it('continues with a typed code and tells when a code is unknown', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await fillProfile(page, prepared, JOINERY);
    await goNext(page, prepared.dimensionSections[0]!.title.de);
    const { id, resumeCode } = await credentialsOnPage(page);
    await waitUntilSaved(page);

    const other = await harness.newPage();
    await other.goto('/');
    const input = other.getByRole('textbox', { name: 'Ihr Code' });
    await input.fill('ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456');
    await other.getByRole('button', { name: 'Weitermachen', exact: true }).click();
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('keinen Check gefunden');
    // People type codes in lower case and without dashes.
    await input.fill(resumeCode.toLowerCase().replace(/-/g, ' '));
    await other.getByRole('button', { name: 'Weitermachen', exact: true }).click();
    await other.getByRole('heading', { level: 1, name: prepared.dimensionSections[0]!.title.de }).waitFor();
    expect(other.url()).toContain(`/check/${id}/`);
  });
});
