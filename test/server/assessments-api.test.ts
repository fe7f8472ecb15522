import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, getAssessment, patchAssessment, submitAnswerSet, submitAssessment } from '../helpers/api-client.ts';
import { handwerkDigital, latestHandwerkDigital } from '../helpers/shipped.ts';
import { expectProblem, fieldsOf } from '../helpers/problems.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

// New checks start on the latest version; 1.0.0 stays served for the results scored with it.
const { prepared } = latestHandwerkDigital();
const first = handwerkDigital('1.0.0').prepared;
const firstSingle = prepared.questions.find((e) => e.question.type === 'single' && !e.question.visibleIf)!.question;
const firstOption = firstSingle.type === 'single' ? firstSingle.options[0]!.id : '';
const requiredIds = prepared.questions.filter((e) => e.question.required && !e.question.visibleIf).map((e) => e.question.id);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /api/questionnaires', () => {
  it('lists the released questionnaires with their content hash', async () => {
    const response = await t.app.inject('/api/questionnaires');
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list).toContainEqual({ id: 'handwerk-digital', version: '1.0.0', title: first.definition.title, hash: first.hash });
    expect(list).toContainEqual({ id: 'handwerk-digital', version: prepared.definition.version, title: prepared.definition.title, hash: prepared.hash });
    expect(prepared.definition.version).not.toBe('1.0.0');
  });
});

describe('GET /api/questionnaires/:id/:version', () => {
  it('answers the definition with its hash', async () => {
    const response = await t.app.inject('/api/questionnaires/handwerk-digital/1.0.0');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ hash: first.hash, definition: { id: 'handwerk-digital', version: '1.0.0' } });
    expect(response.headers.etag).toBe(`"${first.hash}"`);
  });

  it('answers 404 for an unknown version', async () => {
    const response = await t.app.inject('/api/questionnaires/handwerk-digital/9.9.9');
    expectProblem(response, 'questionnaire.not-found', { detail: 'no questionnaire handwerk-digital 9.9.9', errors: [] });
  });

  it('answers 400 naming the parameter for a malformed id', async () => {
    const response = await t.app.inject('/api/questionnaires/Hand_Werk/1.0.0');
    expect(fieldsOf(expectProblem(response, 'request.invalid'))).toEqual(['path /id field.invalid-format']);
  });
});

describe('GET /api/catalogue', () => {
  it('answers the catalogue in force', async () => {
    const response = await t.app.inject('/api/catalogue');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ sampleData: true, regions: expect.any(Array), workshops: expect.any(Array), partners: expect.any(Array) });
  });
});

describe('POST /api/assessments', () => {
  it('starts a check on the latest version with an unguessable, typeable resume code', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resumeCode: expect.stringMatching(new RegExp(`^([${RESUME_ALPHABET}]{4}-){6}[${RESUME_ALPHABET}]{4}$`)),
      questionnaireId: 'handwerk-digital',
      version: prepared.definition.version,
      revision: 0,
      isReassessment: false,
    });
  });

  it('starts a check on an older version when asked, and scores it with that version', async () => {
    const set = completeAnswerSet(first, 'middling');
    const { created, result } = await submitAnswerSet(t.app, set, { questionnaireId: 'handwerk-digital', version: '1.0.0' });
    expect(created.version).toBe('1.0.0');
    expect(result.result.questionnaire).toEqual({ id: 'handwerk-digital', version: '1.0.0', hash: first.hash });
  });

  it('never hands out the same resume code twice', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => createAssessment(t.app).then((c) => c.resumeCode)));
    expect(new Set(codes).size).toBe(20);
  });

  it.each([
    [{ questionnaireId: 'unknown' }, 'questionnaire.unknown', { pointer: '/questionnaireId', code: 'questionnaire.unknown', message: 'no questionnaire "unknown"' }],
    [{ questionnaireId: 'handwerk-digital', version: '3.0.0' }, 'questionnaire.unknown', { pointer: '/version', code: 'questionnaire.unknown', message: 'questionnaire "handwerk-digital" has no version "3.0.0"' }],
    [{ questionnaireId: 'handwerk-digital', status: 'submitted' }, 'request.invalid', { pointer: '/status', code: 'field.unknown-key', message: 'is not a known field' }],
    [{ questionnaireId: 'handwerk-digital', previousResumeCode: 'AAAA-BBBB' }, 'assessment.unknown-previous', { pointer: '/previousResumeCode', code: 'assessment.unknown-previous', message: 'no submitted check has this resume code' }],
    [{}, 'request.invalid', { pointer: '/questionnaireId', code: 'field.invalid-type', message: expect.any(String) }],
  ] as const)('answers 400 for %j with code %s, naming the field', async (payload, code, error) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload });
    expectProblem(response, code, { errors: [{ in: 'body', ...error }] });
  });

  it('answers request.malformed, not 500, for a body that is not JSON', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: { 'content-type': 'application/json' }, payload: '{"questionnaireId":' });
    expectProblem(response, 'request.malformed');
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'x'.repeat(300_000) } });
    expectProblem(response, 'request.too-large');
  });

  it('answers 415 for a body that is not JSON by its type', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: { 'content-type': 'application/xml' }, payload: '<check/>' });
    expectProblem(response, 'request.unsupported-media-type');
  });
});

describe('GET /api/assessments/:id', () => {
  it('answers the state of the check, with progress over visible questions', async () => {
    const created = await createAssessment(t.app);
    const response = await getAssessment(t.app, created);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: created.id,
      status: 'draft',
      profile: {},
      answers: {},
      revision: 0,
      questionnaireId: 'handwerk-digital',
      version: prepared.definition.version,
      progress: { answered: 0, percent: 0, total: expect.any(Number) },
    });
  });

  it('answers 401 without a resume code', async () => {
    const created = await createAssessment(t.app);
    const response = await t.app.inject(`/api/assessments/${created.id}`);
    expectProblem(response, 'resume-code.required');
  });

  it('answers 403 with a wrong code, and the same for an id that does not exist', async () => {
    const created = await createAssessment(t.app);
    const other = await createAssessment(t.app);
    const wrong = await getAssessment(t.app, { id: created.id, resumeCode: other.resumeCode });
    const unknown = await getAssessment(t.app, { id: '00000000-0000-4000-8000-000000000000', resumeCode: other.resumeCode });
    const garbage = await getAssessment(t.app, { id: created.id, resumeCode: 'nonsense' });
    for (const response of [wrong, unknown, garbage]) expectProblem(response, 'resume-code.wrong');
    const { instance: _a, ...sameForUnknown } = unknown.json();
    const { instance: _b, ...sameForWrong } = wrong.json();
    expect(sameForUnknown).toEqual(sameForWrong);
  });

  it('accepts the code as people type it: lower case, spaces instead of dashes', async () => {
    const created = await createAssessment(t.app);
    const typed = created.resumeCode.toLowerCase().replace(/-/g, ' ');
    expect((await getAssessment(t.app, { id: created.id, resumeCode: typed })).statusCode).toBe(200);
  });
});

describe('PATCH /api/assessments/:id', () => {
  it('merges profile and answers and raises the revision', async () => {
    const created = await createAssessment(t.app);
    const first = await patchAssessment(t.app, created, { revision: 0, profile: { trade: 'bau-ausbau', postcode: '46236' } });
    expect(first.statusCode).toBe(200);
    const second = await patchAssessment(t.app, created, { revision: 1, answers: { [firstSingle.id]: firstOption } });
    expect(second.json()).toMatchObject({ revision: 2, profile: { trade: 'bau-ausbau', postcode: '46236' }, answers: { [firstSingle.id]: firstOption } });
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ revision: 2, answers: { [firstSingle.id]: firstOption } });
  });

  it('clears an answer and a profile field with null', async () => {
    const created = await createAssessment(t.app);
    await patchAssessment(t.app, created, { revision: 0, profile: { companyName: 'Bäckerei Beispiel' }, answers: { [firstSingle.id]: firstOption } });
    const cleared = await patchAssessment(t.app, created, { revision: 1, profile: { companyName: null }, answers: { [firstSingle.id]: null } });
    expect(cleared.json()).toMatchObject({ revision: 2, profile: {}, answers: {} });
  });

  it('names each bad answer, and stores nothing of a rejected change', async () => {
    const created = await createAssessment(t.app);
    const response = await patchAssessment(t.app, created, {
      revision: 0,
      profile: { trade: 'raumfahrt' },
      answers: { [firstSingle.id]: 'x', q999: 'y' },
    });
    expectProblem(response, 'assessment.invalid-answers', {
      errors: [
        { in: 'body', pointer: '/profile/trade', code: 'profile.unknown-trade', message: 'unknown trade "raumfahrt"' },
        { in: 'body', pointer: `/answers/${firstSingle.id}`, code: 'answer.unknown-option', message: 'unknown option "x"' },
        { in: 'body', pointer: '/answers/q999', code: 'answer.unknown-question', message: 'unknown question "q999"' },
      ],
    });
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ revision: 0, answers: {}, profile: {} });
  });

  it('rejects fields the server owns', async () => {
    const created = await createAssessment(t.app);
    const response = await patchAssessment(t.app, created, { revision: 0, status: 'submitted', id: 'x' });
    expect(fieldsOf(expectProblem(response, 'request.invalid'))).toEqual(['body /status field.unknown-key', 'body /id field.unknown-key']);
  });

  it('answers 409 with the current state when the revision is stale, so two tabs never overwrite each other', async () => {
    const created = await createAssessment(t.app);
    await patchAssessment(t.app, created, { revision: 0, profile: { trade: 'lebensmittel' } });
    const stale = await patchAssessment(t.app, created, { revision: 0, profile: { trade: 'bau-ausbau' } });
    expectProblem(stale, 'assessment.revision-conflict', { current: { id: created.id, revision: 1, profile: { trade: 'lebensmittel' } } });
  });

  it('answers 400 naming the field for a malformed postcode or e-mail, even a huge one', async () => {
    const created = await createAssessment(t.app);
    const response = await patchAssessment(t.app, created, { revision: 0, profile: { postcode: '4'.repeat(50_000), email: `${'a'.repeat(50_000)}@example.org` } });
    expect(fieldsOf(expectProblem(response, 'request.invalid')).sort()).toEqual(['body /profile/email field.too-big', 'body /profile/postcode field.too-big']);
  });
});

describe('POST /api/assessments/:id/submit', () => {
  it('answers 400 listing the required visible questions still open', async () => {
    const created = await createAssessment(t.app);
    const response = await submitAssessment(t.app, created);
    const body = expectProblem(response, 'assessment.incomplete');
    expect(fieldsOf(body)).toEqual(expect.arrayContaining(['body /profile/trade profile.required', ...requiredIds.map((id) => `body /answers/${id} answer.required`)]));
  });

  it('scores, stores and answers the result; submitting twice answers the same result', async () => {
    const set = completeAnswerSet(prepared, 'middling');
    const { created, result } = await submitAnswerSet(t.app, set);
    expect(result).toMatchObject({
      assessmentId: created.id,
      submittedAt: '2026-11-23T10:00:00.000Z',
      result: {
        questionnaire: { id: 'handwerk-digital', version: prepared.definition.version, hash: prepared.hash },
        overall: { score: expect.any(Number), level: expect.any(String) },
      },
    });
    expect(result.result.dimensions).toHaveLength(prepared.definition.dimensions.length);
    const again = await submitAssessment(t.app, created);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(result);
    const stored = await t.app.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } });
    expect(stored.json()).toEqual(result);
    expect((await getAssessment(t.app, created)).json()).toMatchObject({ status: 'submitted', submittedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('refuses changes after submitting', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    const response = await patchAssessment(t.app, created, { revision: 2, answers: {} });
    expectProblem(response, 'assessment.already-submitted', { current: { id: created.id, status: 'submitted' } });
  });

  it('answers 404 for the result of a draft', async () => {
    const created = await createAssessment(t.app);
    const response = await t.app.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } });
    expectProblem(response, 'assessment.not-submitted');
  });
});

describe('POST /api/resume', () => {
  it('finds the check behind a resume code', async () => {
    const created = await createAssessment(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: created.resumeCode.toLowerCase() } });
    expect(response.json()).toEqual({ id: created.id, status: 'draft' });
  });

  it.each(['AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG', 'too short', '0'.repeat(28)])('answers 404 for %s', async (resumeCode) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode } });
    expectProblem(response, 'resume-code.unknown', { errors: [] });
  });
});

describe('re-assessment (T0 → T1)', () => {
  it('starts from the earlier profile and compares the new result with the earlier one', async () => {
    const weak = completeAnswerSet(prepared, 'weak');
    const { created: first, result: before } = await submitAnswerSet(t.app, weak);
    const again = await createAssessment(t.app, { questionnaireId: 'handwerk-digital', previousResumeCode: first.resumeCode });
    expect(again).toMatchObject({ isReassessment: true });
    const state = (await getAssessment(t.app, again)).json();
    expect(state.profile).toEqual(weak.profile);
    const strong = completeAnswerSet(prepared, 'strong', weak.profile);
    await patchAssessment(t.app, again, { revision: 0, answers: strong.answers, relevance: strong.relevance });
    const after = (await submitAssessment(t.app, again)).json();
    expect(after.result.previous).toMatchObject({ sameVersion: true, questionnaire: { id: 'handwerk-digital', version: prepared.definition.version }, notCompared: [] });
    const change = after.result.previous.dimensions[0];
    expect(change.before).toBe(before.result.dimensions.find((d: { id: string }) => d.id === change.id).score);
    expect(change.delta).toBeGreaterThan(0);
  });

  it('answers 400 when the earlier check is not submitted yet', async () => {
    const draft = await createAssessment(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previousResumeCode: draft.resumeCode } });
    expect(response.statusCode).toBe(400);
  });
});

describe('peer benchmark', () => {
  it('appears once five checks of the same trade group are on record', async () => {
    const own = await createTestApp();
    try {
      const profile = { trade: 'holz-kunststoff', employees: '5-9', postcode: '45879' };
      const set = completeAnswerSet(prepared, 'middling', profile);
      const results = [];
      for (let i = 0; i < 6; i++) results.push((await submitAnswerSet(own.app, set)).result);
      expect(results.slice(0, 5).every((r) => r.result.benchmark === null)).toBe(true);
      expect(results[5].result.benchmark).toMatchObject({ trade: 'holz-kunststoff', groupSize: 5, overall: results[0].result.overall.score });
      const other = await submitAnswerSet(own.app, completeAnswerSet(prepared, 'middling', { ...profile, trade: 'lebensmittel' }));
      expect(other.result.result.benchmark).toBeNull();
    } finally {
      await own.close();
    }
  });
});
