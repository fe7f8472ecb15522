import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, patchAssessment, submitAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, answerSection, checkState, credentialsOnPage, fillProfile, goNext, plannedAnswers, waitUntilSaved } from './check-driver.ts';

const { prepared } = handwerkDigital();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let harness: Harness;
let downloads: string;

beforeAll(async () => {
  harness = await startHarness();
  downloads = mkdtempSync(join(tmpdir(), 'procheck-downloads-'));
});
afterAll(async () => {
  await harness?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('a business on a phone', () => {
  it('completes the whole check, sees its result and downloads the PDF report', { timeout: 120_000 }, async () => {
    const page = await harness.newPage();
    const set = plannedAnswers(prepared, JOINERY, 'middling');

    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Digital-Check Handwerk');
    await page.getByText('ca. 18 Min.').waitFor();
    await page.getByRole('button', { name: 'Check starten' }).click();

    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await fillProfile(page, prepared, JOINERY);
    const sections = prepared.dimensionSections;
    await goNext(page, sections[0]!.title.de);

    // Right after the profile the business sees its resume code.
    const { id, resumeCode } = await credentialsOnPage(page);
    for (const [i, section] of sections.entries()) {
      await answerSection(page, prepared, section.id, set);
      await goNext(page, sections[i + 1]?.title.de ?? 'Übersicht und Abschluss');
    }

    await page.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    await waitUntilSaved(page);
    const saved = await checkState(harness.baseUrl, id, resumeCode);
    expect(saved).toMatchObject({ status: 'draft', answers: set.answers, relevance: set.relevance, progress: { percent: 100, requiredOpen: [] } });
    expect(saved.profile).toMatchObject({ trade: 'holz-kunststoff', employees: '5-9', postcode: '46236', companyName: 'Tischlerei Muster' });

    await page.getByRole('button', { name: 'Check abschließen und Ergebnis ansehen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
    expect(page.url()).toMatch(/\/ergebnis$/);
    const result = (await (await fetch(`${harness.baseUrl}/api/assessments/${id}/result`, { headers: { 'x-resume-code': resumeCode } })).json()) as {
      result: { overall: { level: string }; recommendations: { title: { de: string } }[]; referrals: { workshops: { workshop: { title: { de: string }; registrationUrl: string } }[] } };
    };
    const level = prepared.levels.find((l) => l.id === result.result.overall.level)!;
    await expect(page.getByText(level.title.de, { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(level.description.de).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('img', { name: 'Punkte je Bereich (0 bis 100)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: result.result.recommendations[0]!.title.de }).isVisible()).resolves.toBe(true);
    const workshop = result.result.referrals.workshops[0]!;
    await expect(page.getByRole('heading', { name: workshop.workshop.title.de }).isVisible()).resolves.toBe(true);
    const register = page.getByRole('link', { name: new RegExp(`^Zur Anmeldung\\W+${escapeRegExp(workshop.workshop.title.de)}`) });
    await expect(register.getAttribute('href')).resolves.toBe(workshop.workshop.registrationUrl);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF-Bericht herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procheck-bericht-tischlerei-muster-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Tischlerei Muster');
    expect(text).toContain(prepared.dimensionSections[0]!.title.de);
  });

  it('takes the check again from its result and sees how each area changed', { timeout: 60_000 }, async () => {
    // The earlier check, made through the API: a weak start.
    const weak = plannedAnswers(prepared, JOINERY, 'weak');
    const first = await createAssessment(harness.testApp.app);
    await patchAssessment(harness.testApp.app, first, { revision: 0, profile: weak.profile, answers: weak.answers, relevance: weak.relevance });
    expect((await submitAssessment(harness.testApp.app, first)).statusCode).toBe(200);

    const page = await harness.newPage();
    await page.goto(`/fortsetzen#${first.resumeCode}`);
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
    await page.getByRole('button', { name: 'Check erneut machen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    // The profile comes along from the earlier check.
    await page.getByText('Sie wiederholen den Check.').waitFor();
    await expect(page.getByRole('radio', { name: 'Holz- und Kunststoffgewerbe', exact: true }).isChecked()).resolves.toBe(true);

    // The answers of the second round go in through the API, the submit through the page.
    const second = /\/check\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const code = await page.evaluate(() => JSON.parse(localStorage.getItem('procheck.checks') ?? '{}') as { codes: Record<string, string> });
    const strong = plannedAnswers(prepared, JOINERY, 'strong');
    const credentials = { id: second, resumeCode: code.codes[second]! };
    const state = await checkState(harness.baseUrl, second, credentials.resumeCode);
    await patchAssessment(harness.testApp.app, credentials, { revision: state.revision, answers: strong.answers, relevance: strong.relevance });
    await page.goto(`/check/${second}/pruefen`);
    await page.getByRole('heading', { name: 'Alles beantwortet' }).waitFor();
    await page.getByRole('button', { name: 'Check abschließen und Ergebnis ansehen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
    await page.getByText(/^Seit Ihrem letzten Check: .* Punkte \(\+/).waitFor();
    await expect(page.getByText(/seit dem letzten Check$/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Letzter Check', { exact: true }).isVisible()).resolves.toBe(true);
  });

  it('lists on the review page what is still open and jumps to it', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await fillProfile(page, prepared, JOINERY);
    const id = /\/check\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.goto(`/check/${id}/pruefen`);
    await page.getByRole('heading', { level: 2, name: /^Noch \d+ offene Pflichtangaben$/ }).waitFor();

    // Submitting now only points at the list.
    await page.getByRole('button', { name: 'Check abschließen und Ergebnis ansehen' }).click();
    expect(page.url()).toMatch(/\/pruefen$/);

    const target = prepared.questionById.get('sicherheit-notfall')!.question;
    await page.getByRole('link', { name: target.text.de }).click();
    await page.getByRole('heading', { level: 1, name: 'IT-Sicherheit & Datenschutz' }).waitFor();
    expect(page.url()).toMatch(/\/sicherheit#q-sicherheit-notfall$/);
    // The focus is on the question's first answer, ready for the keyboard.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q-sicherheit-notfall');
    await page.getByRole('group', { name: target.text.de }).getByRole('radio').first().check();
    await waitUntilSaved(page);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Übersicht und Abschluss' }).waitFor();
    expect(await page.getByRole('link', { name: target.text.de }).count()).toBe(0);
  });
});
