/**
 * Limits throttle guessing, not owners, and every 429 says how long to wait
 * (Retry-After, in seconds): the per-route request limits, login throttling
 * and the wrong-resume-code limits, per client and for everyone together.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, createUser } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type Created, createAssessment, getAssessment, patchAssessment } from '../helpers/api-client.ts';
import { expectProblem } from '../helpers/problems.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
const WRONG = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456';
const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.close())));
const app = async (options: Parameters<typeof createTestApp>[0] = {}) => {
  const t = await createTestApp(options);
  apps.push(t);
  return t;
};

/** A 429 whose Retry-After is a whole number of seconds within the window. */
function expectRetryAfter(response: LightMyRequestResponse, code: Parameters<typeof expectProblem>[1], maxSeconds: number) {
  expectProblem(response, code);
  const seconds = Number(response.headers['retry-after']);
  expect(Number.isInteger(seconds), `Retry-After: ${response.headers['retry-after']}`).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
}

/** Everything an owner does with a check's code, answered as when nobody guesses. */
async function ownerJourney(t: TestApp, check: Created, remoteAddress: string) {
  const headers = { 'x-resume-code': check.resumeCode };
  const set = completeAnswerSet(prepared, 'middling');
  const statuses = [
    (await t.app.inject({ url: `/api/assessments/${check.id}`, headers, remoteAddress })).statusCode,
    (await t.app.inject({ method: 'PATCH', url: `/api/assessments/${check.id}`, headers, remoteAddress, payload: { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance } })).statusCode,
    (await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: check.resumeCode }, remoteAddress })).statusCode,
    (await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/submit`, headers, remoteAddress })).statusCode,
    (await t.app.inject({ url: `/api/assessments/${check.id}/result`, headers, remoteAddress })).statusCode,
    (await t.app.inject({ url: `/api/assessments/${check.id}/report.pdf`, headers, remoteAddress })).statusCode,
    (await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previousResumeCode: check.resumeCode }, remoteAddress })).statusCode,
    (await t.app.inject({ method: 'DELETE', url: `/api/assessments/${check.id}`, headers, remoteAddress })).statusCode,
  ];
  return statuses;
}
const OWNER_OK = [200, 200, 200, 200, 200, 200, 201, 204];

describe('wrong resume codes', () => {
  it('past the per-client limit answer 429 with Retry-After, while the owners behind the same address go on', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 5, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
    const router = '192.0.2.10';
    const owners = [await createAssessment(t.app), await createAssessment(t.app)];
    const guesses: number[] = [];
    for (let i = 0; i < 7; i++) guesses.push((await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG }, remoteAddress: router })).statusCode);
    expect(guesses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    expectRetryAfter(await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG }, remoteAddress: router }), 'resume-code.too-many-wrong', 60);
    // One typo in a workshop of twenty businesses behind one router locks nobody out.
    for (const owner of owners) expect(await ownerJourney(t, owner, router)).toEqual(OWNER_OK);
    // A wrong code on a check's URL is still a guess, and still throttled.
    const other = await createAssessment(t.app);
    expectRetryAfter(await t.app.inject({ url: `/api/assessments/${other.id}`, headers: { 'x-resume-code': WRONG }, remoteAddress: router }), 'resume-code.too-many-wrong', 60);
    // … from that address only: elsewhere a wrong code is just wrong.
    expectProblem(await getAssessment(t.app, { id: other.id, resumeCode: WRONG }), 'resume-code.wrong');
  });

  it('past the global limit (many addresses) answer 429, while every owner anywhere goes on', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 10, resumeGlobalPerMinute: 25, createPerMinute: 1000 } });
    const owner = await createAssessment(t.app);
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG }, remoteAddress: `198.51.100.${i}` })).statusCode);
    expect(answers).toEqual([...Array(25).fill(404), ...Array(5).fill(429)]);
    expectRetryAfter(await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG }, remoteAddress: '203.0.113.99' }), 'resume-code.too-many-wrong', 60);
    expect(await ownerJourney(t, owner, '203.0.113.1')).toEqual(OWNER_OK);
  });

  it('count on DELETE too, like on every other route', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 3, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
    const check = await createAssessment(t.app);
    const erase = (code: string) => t.app.inject({ method: 'DELETE', url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': code }, remoteAddress: '192.0.2.20' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await erase(WRONG)).statusCode);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expectRetryAfter(await erase(WRONG), 'resume-code.too-many-wrong', 60);
    // The business itself still erases its check.
    expect((await erase(check.resumeCode)).statusCode).toBe(204);
  });

  it('an earlier check’s code given to start a re-assessment counts as a guess when wrong', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 2, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
    const start = () => t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previousResumeCode: WRONG }, remoteAddress: '192.0.2.30' });
    expect([(await start()).statusCode, (await start()).statusCode]).toEqual([400, 400]);
    expectRetryAfter(await start(), 'resume-code.too-many-wrong', 60);
    // Starting a check without an earlier code is not a guess at all.
    expect((await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' }, remoteAddress: '192.0.2.30' })).statusCode).toBe(201);
  });
});

describe('every 429 carries Retry-After', () => {
  it('the per-route request limit (starting checks)', async () => {
    const t = await app({ rateLimits: { createPerMinute: 2, resumePerMinute: 100, resumeGlobalPerMinute: 100 } });
    const start = () => t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' }, remoteAddress: '192.0.2.40' });
    expect([(await start()).statusCode, (await start()).statusCode]).toEqual([201, 201]);
    expectRetryAfter(await start(), 'rate-limited', 60);
  });

  it('the login request limit', async () => {
    const t = await app({ rateLimits: { loginPerMinute: 1 } });
    const user = await createUser(t.app, 'staff');
    const login = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD }, remoteAddress: '192.0.2.50' });
    expect((await login()).statusCode).toBe(200);
    expectRetryAfter(await login(), 'rate-limited', 60);
  });

  it('login throttling after failed logins, counting down the 15 minutes', async () => {
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const t = await app({ now: () => new Date(clock), rateLimits: { loginPerMinute: 1000, loginFailuresPerAccountAndClient: 3, loginFailuresPerClient: 100 } });
    const user = await createUser(t.app, 'staff');
    for (let i = 0; i < 3; i++) {
      expectProblem(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'falsch-falsch-falsch' } }), 'auth.login-failed');
      clock += 60_000;
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expectRetryAfter(blocked, 'auth.login-throttled', 15 * 60);
    // The first failure leaves the window 15 minutes after it happened, 12 minutes from now.
    expect(Number(blocked.headers['retry-after'])).toBe(12 * 60);
  });
});

describe('patching with a valid code', () => {
  it('is never counted as a guess', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 2, resumeGlobalPerMinute: 2, createPerMinute: 1000 } });
    const check = await createAssessment(t.app);
    for (let revision = 0; revision < 10; revision++) {
      expect((await patchAssessment(t.app, check, { revision, profile: { companyName: `Name ${revision}` } })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG } })).statusCode).toBe(404);
  });
});
