import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, patchAssessment, submitAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { audit } from './axe-audit.ts';
import { type Harness, PHONE, startHarness } from './browser-harness.ts';
import { JOINERY, plannedAnswers } from './check-driver.ts';

const { prepared } = handwerkDigital();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('finds nothing on the start page, a question page, the review page and the result page, on a phone and a desktop', { timeout: 90_000 }, async () => {
    const { app } = harness.testApp;
    const set = plannedAnswers(prepared, JOINERY, 'middling');
    const draft = await createAssessment(app);
    const kunden = new Set(prepared.dimensionSections.find((s) => s.id === 'kunden')!.questions.map((q) => q.id));
    await patchAssessment(app, draft, {
      revision: 0,
      profile: set.profile,
      answers: Object.fromEntries(Object.entries(set.answers).filter(([id]) => kunden.has(id))),
      relevance: Object.fromEntries(Object.entries(set.relevance).filter(([id]) => kunden.has(id))),
    });
    const done = await createAssessment(app);
    await patchAssessment(app, done, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
    await submitAssessment(app, done);

    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      // The scanner is injected as a script, which the app's CSP rightly forbids; this context looks past it.
      const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport, bypassCSP: true, locale: 'de-DE' });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};

      await page.goto('/');
      await page.getByText('ca. 18 Min.').waitFor();
      found.start = await audit(page);

      await page.goto(`/fortsetzen#${draft.resumeCode}`);
      await page.waitForURL(/\/check\//);
      await page.goto(`/check/${draft.id}/betrieb`);
      await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
      found.profile = await audit(page);

      await page.goto(`/check/${draft.id}/kunden`);
      await page.getByRole('heading', { level: 1, name: 'Kunden & Marketing' }).waitFor();
      await page.getByText('Erklärung', { exact: true }).first().click();
      found.questions = await audit(page);

      await page.goto(`/check/${draft.id}/pruefen`);
      await page.getByRole('heading', { level: 1, name: 'Übersicht und Abschluss' }).waitFor();
      found.review = await audit(page);

      await page.goto(`/fortsetzen#${done.resumeCode}`);
      await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
      found.result = await audit(page);

      expect({ viewport, found }).toEqual({ viewport, found: { start: [], profile: [], questions: [], review: [], result: [] } });
      await context.close();
    }
  });
});
