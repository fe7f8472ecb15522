/**
 * A refusal reads in the page's language: the web app words every problem
 * code itself (client/i18n/problems.*.json) and never shows the server's
 * English. Wrong resume codes from one browser get throttled with the wait
 * from Retry-After, and the right code from that same browser still opens
 * its check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment } from '../helpers/api-client.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const WRONG = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456';
// Words of the server's problem details that must never reach a page.
const SERVER_ENGLISH = /too many|resume code|Retry-After|problem|does not open/i;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ rateLimits: { resumePerMinute: 2, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
});
afterAll(async () => harness?.close());

describe('a refused resume code', () => {
  it('is explained in German, the throttle with its wait, while the right code still opens its check', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    const input = page.getByRole('textbox', { name: 'Ihr Code' });
    const submit = page.getByRole('button', { name: 'Weitermachen', exact: true });
    const alert = page.getByRole('alert');
    for (let i = 0; i < 2; i++) {
      await input.fill(WRONG);
      await submit.click();
      await expect.poll(() => alert.textContent()).toBe('Zu diesem Code haben wir keinen Check gefunden. Bitte prüfen Sie die Eingabe.');
    }
    await input.fill(WRONG);
    await submit.click();
    await expect.poll(() => alert.textContent()).toMatch(/^Zu viele falsche Codes in kurzer Zeit\. Bitte versuchen Sie es in \d{1,2} Sekunden erneut\.$/);
    expect(await page.locator('body').textContent()).not.toMatch(SERVER_ENGLISH);

    // Another business at the same router (the same browser, even) is not locked out.
    const own = await createAssessment(harness.testApp.app);
    await input.fill(own.resumeCode);
    await submit.click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    expect(page.url()).toContain(`/check/${own.id}/`);
  });

  it('is explained in English on the English page', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: /English/ }).click();
    const input = page.getByRole('textbox', { name: 'Your code' });
    await input.fill(WRONG);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    // The browser's address already guessed wrong twice: throttled at once, in English.
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Too many wrong codes in a short time\. Please try again in \d{1,2} seconds\.$/);
  });
});
