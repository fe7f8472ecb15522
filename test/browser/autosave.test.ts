import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { JOINERY, checkState, credentialsOnPage, fillProfile, goNext, waitUntilSaved } from './check-driver.ts';

const { prepared } = handwerkDigital();
const planQuestion = prepared.questionById.get('strategie-plan')!.question;
const responsibility = prepared.questionById.get('strategie-verantwortung')!.question;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

/** A check open on its first dimension page, profile saved. */
async function openFirstSection(): Promise<{ page: Page; id: string; resumeCode: string }> {
  const page = await harness.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Check starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
  await fillProfile(page, prepared, JOINERY);
  await goNext(page, prepared.dimensionSections[0]!.title.de);
  await waitUntilSaved(page);
  return { page, ...(await credentialsOnPage(page)) };
}

const serverError = (route: Route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable","issues":[]}' });

describe('autosave when the server fails', () => {
  it('shows the failure and saves the answer on the automatic retry', { timeout: 60_000 }, async () => {
    const { page, id, resumeCode } = await openFirstSection();
    let failures = 0;
    await page.route('**/api/assessments/*', (route) => {
      if (route.request().method() === 'PATCH' && failures < 2) {
        failures += 1;
        return serverError(route);
      }
      return route.fallback();
    });

    const option = planQuestion.type === 'single' ? planQuestion.options[2]! : null;
    await page.getByRole('group', { name: planQuestion.text.de }).getByRole('radio', { name: option!.label.de, exact: true }).check();
    await page.getByRole('status').filter({ hasText: 'Nicht gespeichert – neuer Versuch' }).waitFor();
    await waitUntilSaved(page);
    expect(failures).toBe(2);
    expect((await checkState(harness.baseUrl, id, resumeCode)).answers).toMatchObject({ 'strategie-plan': option!.id });
  });

  it('after the retries, keeps the answers, says so and saves them with the retry button', { timeout: 60_000 }, async () => {
    const { page, id, resumeCode } = await openFirstSection();
    await page.route('**/api/assessments/*', (route) => (route.request().method() === 'PATCH' ? serverError(route) : route.fallback()));

    const first = planQuestion.type === 'single' ? planQuestion.options[1]! : null;
    const second = responsibility.type === 'single' ? responsibility.options[2]! : null;
    await page.getByRole('group', { name: planQuestion.text.de }).getByRole('radio', { name: first!.label.de, exact: true }).check();
    const alert = page.getByRole('alert').filter({ hasText: 'noch nicht gespeichert' });
    await alert.waitFor({ timeout: 15_000 });
    // Answering goes on while the server is away; nothing moves, nothing is lost.
    await page.getByRole('group', { name: responsibility.text.de }).getByRole('radio', { name: second!.label.de, exact: true }).check();
    const pending = await page.evaluate((key) => localStorage.getItem(key), `procheck.pending.${id}`);
    expect(JSON.parse(pending ?? '{}')).toMatchObject({ answers: { 'strategie-plan': first!.id, 'strategie-verantwortung': second!.id } });
    expect((await checkState(harness.baseUrl, id, resumeCode)).answers).toEqual({});

    await page.unroute('**/api/assessments/*');
    await alert.getByRole('button', { name: 'Erneut versuchen' }).click();
    await waitUntilSaved(page);
    expect(await alert.count()).toBe(0);
    expect((await checkState(harness.baseUrl, id, resumeCode)).answers).toEqual({ 'strategie-plan': first!.id, 'strategie-verantwortung': second!.id });
    expect(await page.evaluate((key) => localStorage.getItem(key), `procheck.pending.${id}`)).toBeNull();
  });

  it('re-applies a change on the fresh state when another device saved in between (409)', { timeout: 60_000 }, async () => {
    const { page, id, resumeCode } = await openFirstSection();
    const state = await checkState(harness.baseUrl, id, resumeCode);
    // Another device answers a different question, so this page's revision is stale.
    const other = await fetch(`${harness.baseUrl}/api/assessments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-resume-code': resumeCode },
      body: JSON.stringify({ revision: state.revision, answers: { 'strategie-foerderung': true } }),
    });
    expect(other.status).toBe(200);

    const option = planQuestion.type === 'single' ? planQuestion.options[3]! : null;
    await page.getByRole('group', { name: planQuestion.text.de }).getByRole('radio', { name: option!.label.de, exact: true }).check();
    await waitUntilSaved(page);
    await expect
      .poll(async () => (await checkState(harness.baseUrl, id, resumeCode)).answers)
      .toEqual({ 'strategie-foerderung': true, 'strategie-plan': option!.id });
    // The other device's answer shows up here too.
    await expect.poll(() => page.getByRole('group', { name: /Förderprogramme/ }).getByRole('radio', { name: 'Ja', exact: true }).isChecked()).toBe(true);
  });

  it('keeps the save state in a box of fixed size, so nothing shifts while saving', { timeout: 60_000 }, async () => {
    const { page } = await openFirstSection();
    // Layout shifts the browser itself reports, except those right after the business's own input.
    await page.evaluate(() => {
      const shifts: number[] = [];
      Object.assign(window, { layoutShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const status = page.getByRole('status').filter({ hasText: /^Gespeichert$/ });
    const before = await status.boundingBox();
    await page.route('**/api/assessments/*', async (route) => {
      // Slow enough to see "Speichert …".
      if (route.request().method() === 'PATCH') await new Promise((resolve) => setTimeout(resolve, 800));
      return route.fallback();
    });
    await page.getByRole('group', { name: planQuestion.text.de }).getByRole('radio').first().check();
    const saving = page.getByRole('status').filter({ hasText: 'Speichert' });
    await saving.waitFor();
    expect(await saving.boundingBox()).toEqual(before);
    await waitUntilSaved(page);
    expect(await status.boundingBox()).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts)).toEqual([]);
  });
});
