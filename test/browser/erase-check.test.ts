import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const { prepared } = handwerkDigital();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('erasing a check (GDPR)', () => {
  it('the business deletes its check and result from the result page, after confirming', { timeout: 90_000 }, async () => {
    const { created } = await submitAnswerSet(harness.testApp.app, completeAnswerSet(prepared, 'middling'));
    const page = await harness.newPage();
    await page.goto(`/fortsetzen#${created.resumeCode}`);
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();

    await page.getByRole('button', { name: 'Check löschen …' }).click();
    await page.getByText('Wirklich löschen?').waitFor();
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    expect((await harness.testApp.app.inject({ url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode } })).statusCode).toBe(200);

    await page.getByRole('button', { name: 'Check löschen …' }).click();
    await page.getByRole('button', { name: 'Endgültig löschen' }).click();
    await page.getByRole('button', { name: 'Check starten' }).waitFor();
    expect((await harness.testApp.app.inject({ url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode } })).statusCode).toBe(403);
    // Nothing of it is left on the device either.
    expect(await page.evaluate(() => localStorage.getItem('procheck.checks'))).not.toContain(created.id);
  });
});
