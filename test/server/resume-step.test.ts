/** Issue 18: the page a business is on is saved with its draft, so resuming on any device opens it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssessment, getAssessment, patchAssessment } from '../helpers/api-client.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('PATCH /api/assessments/:id with a step', () => {
  it('stores the page with the draft, keeps it through answers that do not name one, and across a restart', async () => {
    const created = await createAssessment(t.app);
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ step: null, revision: 0 });
    expect((await patchAssessment(t.app, created, { revision: 0, step: 'einkauf' })).json()).toMatchObject({ step: 'einkauf', revision: 1 });
    expect((await patchAssessment(t.app, created, { revision: 1, answers: { 'strategie-plan': 'grob' } })).json()).toMatchObject({ step: 'einkauf', revision: 2 });
    await t.restart();
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ step: 'einkauf', revision: 2 });
    expect((await patchAssessment(t.app, created, { revision: 2, step: 'pruefen' })).json()).toMatchObject({ step: 'pruefen', revision: 3 });
  });

  it('when the page is not in the questionnaire, answers 400 and stores nothing', async () => {
    const created = await createAssessment(t.app);
    const response = await patchAssessment(t.app, created, { revision: 0, step: 'ergebnis' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'assessment.invalid-answers', errors: [{ pointer: '/step', code: 'field.invalid-value' }] });
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ step: null, revision: 0 });
  });
});
