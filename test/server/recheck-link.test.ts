import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { getAssessment, patchAssessment, submitAnswerSet, submitAssessment } from '../helpers/api-client.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { expectProblem } from '../helpers/problems.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';
import { painter } from '../fixtures/three-businesses.ts';
import { compactText, readPdf } from '../reports/read-pdf.ts';

const { prepared } = latestHandwerkDigital();
let t: TestApp;
beforeAll(async () => {
  // Links come from the configured public URL, never from the request's Host (see security.test.ts).
  t = await createTestApp({ publicUrl: 'http://check.example.org' });
});
afterAll(async () => t.close());

/** The re-check link a report prints (and puts behind its QR code), as the business would follow it. */
async function recheckLink(created: { id: string; resumeCode: string }) {
  const response = await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode } });
  expect(response.statusCode).toBe(200);
  const pdf = readPdf(response.rawPayload);
  const links = pdf.links.filter((url) => url.includes('/wiederholen/'));
  return { pdf, links };
}

describe('the re-check link of the report ("Ihr neues Ergebnis wird mit diesem verglichen")', () => {
  it('names this check in the link and behind the QR code, and that link starts a re-assessment compared with it', async () => {
    const set = painter(prepared);
    const { created, result: before } = await submitAnswerSet(t.app, { ...set, profile: { ...set.profile, email: 'maler@example.org', contactConsent: true } });
    const { pdf, links } = await recheckLink(created);
    // The printed link (one annotation per printed line) and the QR code's: one URL.
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(new Set(links).size).toBe(1);
    const url = new URL(links[0]!);
    expect(url.origin).toBe('http://check.example.org');
    expect(url.pathname).toBe(`/wiederholen/${created.id}`);
    expect(pdf.compact).toContain(compactText(`/wiederholen/${created.id}`));
    const retakeToken = url.hash.slice(1);
    expect(retakeToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previous: { id: created.id, retakeToken } } });
    expect(response.statusCode).toBe(201);
    const again = response.json();
    expect(again).toMatchObject({ isReassessment: true, version: prepared.definition.version });
    // The business as the report names it comes along; its contact details do not.
    expect((await getAssessment(t.app, again)).json().profile).toEqual(set.profile);

    const better = completeAnswerSet(prepared, 'middling', set.profile);
    await patchAssessment(t.app, again, { revision: 0, answers: better.answers, relevance: better.relevance });
    const after = (await submitAssessment(t.app, again)).json();
    expect(after.result.previous).toMatchObject({ sameVersion: true, overall: { before: before.result.overall.score } });
    expect(after.result.previous.overall.delta).toBeGreaterThan(0);
  });

  it('prints the same link in every report of the check, whichever language', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'middling'));
    const german = (await recheckLink(created)).links[0];
    const english = await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf?locale=en`, headers: { 'x-resume-code': created.resumeCode } });
    expect(readPdf(english.rawPayload).links).toContain(german);
  });

  it('only starts a re-assessment: the token opens neither the check nor its result', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    const token = new URL((await recheckLink(created)).links[0]!).hash.slice(1);
    expect((await getAssessment(t.app, { id: created.id, resumeCode: token })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': token } })).statusCode).toBe(403);
  });

  it.each([
    ['a wrong token', (id: string) => ({ id, retakeToken: 'x'.repeat(32) })],
    ['an unknown id', () => ({ id: '00000000-0000-4000-8000-000000000000', retakeToken: 'x'.repeat(32) })],
  ])('answers 400 naming the token for %s, and starts nothing', async (_name, previous) => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    const response = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previous: previous(created.id) } });
    expectProblem(response, 'assessment.unknown-previous', {
      errors: [{ in: 'body', pointer: '/previous/retakeToken', code: 'assessment.unknown-previous', message: 'no submitted check has this id and re-check token' }],
    });
  });

  it('answers 400 when both a resume code and a re-check token name the earlier check', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    const token = new URL((await recheckLink(created)).links[0]!).hash.slice(1);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/assessments',
      payload: { questionnaireId: 'handwerk-digital', previousResumeCode: created.resumeCode, previous: { id: created.id, retakeToken: token } },
    });
    expectProblem(response, 'request.invalid', { errors: [{ in: 'body', pointer: '/previous', code: 'field.invalid', message: 'give either previousResumeCode or previous, not both' }] });
  });
});
