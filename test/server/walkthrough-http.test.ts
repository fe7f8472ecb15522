import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

async function http(method: string, path: string, body?: unknown, resumeCode?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(resumeCode ? { 'x-resume-code': resumeCode } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('a whole assessment over real HTTP', () => {
  it('create → patch in steps → resume with the code → submit → result', async () => {
    const created = await http('POST', '/api/assessments', { questionnaireId: 'handwerk-digital' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-content-type-options')).toBe('nosniff');
    const { id, resumeCode } = created.body;

    const set = completeAnswerSet(prepared, 'middling');
    let revision = 0;
    const profileStep = await http('PATCH', `/api/assessments/${id}`, { revision, profile: set.profile }, resumeCode);
    expect(profileStep.status).toBe(200);
    revision = profileStep.body.revision;

    // One PATCH per section, as the web app autosaves.
    for (const section of prepared.dimensionSections) {
      const ids = new Set(section.questions.map((q) => q.id));
      const answers = Object.fromEntries(Object.entries(set.answers).filter(([qid]) => ids.has(qid)));
      const relevance = Object.fromEntries(Object.entries(set.relevance).filter(([qid]) => ids.has(qid)));
      const step = await http('PATCH', `/api/assessments/${id}`, { revision, answers, relevance }, resumeCode);
      expect(step.status).toBe(200);
      revision = step.body.revision;
    }

    // Another device: only the code is known.
    const resumed = await http('POST', '/api/resume', { resumeCode: resumeCode.replace(/-/g, ' ').toLowerCase() });
    expect(resumed.body).toEqual({ id, status: 'draft' });
    const state = await http('GET', `/api/assessments/${resumed.body.id}`, undefined, resumeCode);
    expect(state.body).toMatchObject({ revision, answers: set.answers, progress: { percent: 100, requiredOpen: [] } });

    const submitted = await http('POST', `/api/assessments/${id}/submit`, undefined, resumeCode);
    expect(submitted.status).toBe(200);
    const result = await http('GET', `/api/assessments/${id}/result`, undefined, resumeCode);
    expect(result.body).toEqual(submitted.body);
    expect(result.body.result.overall.score).toBeGreaterThan(0);
    expect(result.body.result.referrals.workshops.length).toBeGreaterThan(0);
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${base}/docs/json`);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/assessments', '/api/assessments/{id}', '/api/assessments/{id}/submit', '/api/assessments/{id}/result', '/api/resume', '/api/questionnaires']),
    );
  });
});
