/**
 * The guarantees of the README's security section (issue 20), each shown
 * against the API as an attacker would try it: nobody locks out a business or
 * a member of staff, links never come from request headers, tablets cannot
 * plant guessable resume codes, staff read but do not write a business's
 * check, personal data is never cached, and other sites change nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../api/visits.ts';
import { generateResumeCode as tabletResumeCode } from '../../client/state/scout/resume-code.ts';
import { RESUME_ALPHABET, isGeneratedResumeCode } from '../../server/assessments/resume-code.ts';
import { readConfig } from '../../server/config.ts';
import { PASSWORD, createUser, loggedInAs, sessionCookie } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type Created, createAssessment, getAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { expectProblem } from '../helpers/problems.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';
import { readPdf } from '../reports/read-pdf.ts';

const { prepared } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling');
const WRONG = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456';
const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.close())));
const app = async (options: Parameters<typeof createTestApp>[0] = {}) => {
  const t = await createTestApp(options);
  apps.push(t);
  return t;
};

/** A 429 with a whole number of seconds to wait. */
function expectRetryAfter(response: LightMyRequestResponse, code: Parameters<typeof expectProblem>[1]) {
  expectProblem(response, code);
  expect(response.headers['retry-after'], 'Retry-After').toMatch(/^[1-9]\d*$/);
}

describe('nobody can lock businesses out', () => {
  it('300 wrong codes a minute from 30 addresses hit the limits, yet every request with a correct code goes through', async () => {
    // The shipped limits: 10 wrong codes per client, 300 from everyone per minute.
    const t = await app({ rateLimits: { resumePerMinute: 10, resumeGlobalPerMinute: 300, createPerMinute: 1000 } });
    const draft = await createAssessment(t.app);
    const done = (await submitAnswerSet(t.app, set)).created;
    const statuses = new Map<number, number>();
    for (let address = 0; address < 30; address++) {
      for (let i = 0; i < 10; i++) {
        const wrong = await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: WRONG }, remoteAddress: `198.51.100.${address}` });
        statuses.set(wrong.statusCode, (statuses.get(wrong.statusCode) ?? 0) + 1);
      }
    }
    expect(statuses.get(404)).toBe(300);
    // The global limit is reached: a wrong code from a fresh address now answers 429.
    expectRetryAfter(await t.app.inject({ url: `/api/assessments/${draft.id}`, headers: { 'x-resume-code': WRONG }, remoteAddress: '203.0.113.5' }), 'resume-code.too-many-wrong');
    for (const remoteAddress of ['203.0.113.7', '198.51.100.3']) {
      const headers = { 'x-resume-code': draft.resumeCode };
      expect((await t.app.inject({ url: `/api/assessments/${draft.id}`, headers, remoteAddress })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'PATCH', url: `/api/assessments/${draft.id}`, headers, remoteAddress, payload: { revision: remoteAddress.startsWith('203') ? 0 : 1, profile: { companyName: remoteAddress } } })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: draft.resumeCode }, remoteAddress })).statusCode).toBe(200);
      const own = { 'x-resume-code': done.resumeCode };
      expect((await t.app.inject({ url: `/api/assessments/${done.id}/result`, headers: own, remoteAddress })).statusCode).toBe(200);
      expect((await t.app.inject({ url: `/api/assessments/${done.id}/report.pdf`, headers: own, remoteAddress })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: `/api/assessments/${done.id}/submit`, headers: own, remoteAddress })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${draft.id}`, headers: { 'x-resume-code': draft.resumeCode }, remoteAddress: '198.51.100.4' })).statusCode).toBe(204);
  });

  it('counts a DELETE with a wrong code like any other guess', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 2, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
    const check = await createAssessment(t.app);
    const erase = (code: string) => t.app.inject({ method: 'DELETE', url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': code }, remoteAddress: '192.0.2.21' });
    expect([(await erase(WRONG)).statusCode, (await erase(WRONG)).statusCode]).toEqual([403, 403]);
    // The DELETEs counted: a GET guess from the same address is now throttled.
    expectRetryAfter(await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': WRONG }, remoteAddress: '192.0.2.21' }), 'resume-code.too-many-wrong');
    expect((await erase(check.resumeCode)).statusCode).toBe(204);
  });
});

describe('nobody can lock staff out', () => {
  const attempt = (t: TestApp, email: string, password: string, remoteAddress: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress, headers: cookie ? { cookie } : {} });

  it('failed logins against an admin from elsewhere slow only the attacker, with Retry-After; the admin logs in', async () => {
    const t = await app({ rateLimits: { loginPerMinute: 1000 } });
    const admin = await createUser(t.app, 'admin');
    const attacker = '203.0.113.66';
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) answers.push((await attempt(t, admin.email, `falsch-${i}-falsch`, attacker)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Even the right password from the attacker's address waits…
    expectRetryAfter(await attempt(t, admin.email, PASSWORD, attacker), 'auth.login-throttled');
    // … while the admin at their own desk logs in at once.
    expect((await attempt(t, admin.email, PASSWORD, '192.0.2.1')).statusCode).toBe(200);
  });

  it('an address guessing across many accounts is throttled as a whole, with Retry-After', async () => {
    const t = await app({ rateLimits: { loginPerMinute: 1000, loginFailuresPerClient: 6 } });
    const users = await Promise.all([1, 2, 3, 4].map(() => createUser(t.app, 'staff')));
    const answers: number[] = [];
    for (const user of users) for (let i = 0; i < 2; i++) answers.push((await attempt(t, user.email, 'falsch-falsch-falsch', '203.0.113.67')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expectRetryAfter(await attempt(t, users[3]!.email, PASSWORD, '203.0.113.67'), 'auth.login-throttled');
    expect((await attempt(t, users[3]!.email, PASSWORD, '192.0.2.2')).statusCode).toBe(200);
  });

  it('a failed login leaves the caller’s session as it was', async () => {
    const t = await app();
    const staff = await loggedInAs(t.app, 'staff');
    const failed = await attempt(t, staff.email, 'vertippt-vertippt', '127.0.0.1', staff.cookie);
    expectProblem(failed, 'auth.login-failed');
    expect(failed.headers['set-cookie']).toBeUndefined();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: staff.cookie } })).statusCode).toBe(200);
    // A successful login does replace it.
    const again = await attempt(t, staff.email, PASSWORD, '127.0.0.1', staff.cookie);
    expect(sessionCookie(again.headers['set-cookie'])).not.toBe(staff.cookie);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: staff.cookie } })).statusCode).toBe(401);
  });
});

describe('absolute links come from the configured public URL, never from a request header', () => {
  const reportLinks = async (t: TestApp, created: Created, headers: Record<string, string>) => {
    const response = await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode, ...headers } });
    expect(response.statusCode).toBe(200);
    return readPdf(response.rawPayload).links.filter((url) => url.includes('/wiederholen/'));
  };
  const hostile = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };

  it('with PROCHECK_PUBLIC_URL, the report’s link and QR code point there whatever Host and X-Forwarded-Host say', async () => {
    const t = await app({ publicUrl: 'https://check.hwk-beispiel.de/', trustProxy: true });
    const { created } = await submitAnswerSet(t.app, set);
    const links = await reportLinks(t, created, hostile);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(link).toMatch(new RegExp(`^https://check\\.hwk-beispiel\\.de/wiederholen/${created.id}#`));
  });

  it('without it, they point at the listening address', async () => {
    const t = await app();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { created } = await submitAnswerSet(t.app, set);
    const links = await reportLinks(t, created, hostile);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(link.startsWith(`${address}/wiederholen/${created.id}#`), link).toBe(true);
  });

  it('PROCHECK_PUBLIC_URL must be an http(s) URL', () => {
    expect(readConfig({ PROCHECK_PUBLIC_URL: 'https://check.example.org/' }).publicUrl).toBe('https://check.example.org');
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(() => readConfig({ PROCHECK_PUBLIC_URL: 'check.example.org' })).toThrow(/PROCHECK_PUBLIC_URL/);
    expect(() => readConfig({ PROCHECK_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PROCHECK_PUBLIC_URL/);
  });
});

describe('resume codes made on tablets', () => {
  let seq = 0;
  const createChange = (resumeCode: string, visitId = randomUUID()): SyncChange => ({
    changeId: randomUUID(),
    visitId,
    questionnaireId: 'handwerk-digital',
    version: '1.0.0',
    deviceId: 'tablet-security',
    seq: seq++,
    at: '2026-11-23T09:00:00.000Z',
    create: { resumeCode, visitDate: '2026-11-23', business: { name: 'Malerei Test', trade: set.profile.trade!, employees: set.profile.employees!, postcode: '45657', contactPerson: 'P. Meier' } },
  });

  it('come from the browser’s CSPRNG with the server’s alphabet and length, and pass the server’s check', () => {
    let drawn = 0;
    const counting = (bytes: Uint8Array) => {
      drawn += bytes.length;
      return crypto.getRandomValues(bytes);
    };
    for (let i = 0; i < 2000; i++) {
      const code = tabletResumeCode(counting);
      expect(isGeneratedResumeCode(code), code).toBe(true);
      expect([...code.replace(/-/g, '')].every((c) => RESUME_ALPHABET.includes(c))).toBe(true);
    }
    expect(drawn).toBeGreaterThanOrEqual(2000 * 28);
  });

  it.each([
    ['a made-up repetition', '2222-2222-2222-2222-2222-2222-2222'],
    ['a repeated group', 'ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD'],
    ['lower case', 'abcd-efgh-jkmn-pqrs-tuvw-xyz2-3456'],
    ['no dashes', 'ABCDEFGHJKMNPQRSTUVWXYZ23456'],
    ['too short', 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2'],
    ['look-alike characters', 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ0-O1IL'],
  ])('are refused at sync when they are %s, and nothing is stored', async (_case, code) => {
    const t = await app();
    const scout = await loggedInAs(t.app, 'scout');
    const change = createChange(code);
    const response = await t.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes: [change] } });
    const body = expectProblem(response, 'sync.invalid-changes');
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/changes/0/create/resumeCode', code: 'sync.invalid-resume-code' }));
    expect((await t.app.inject({ url: `/api/visits/${change.visitId}`, headers: { cookie: scout.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: code } })).statusCode).not.toBe(200);
  });

  it('“already in use” is counted like a wrong code and limited, with Retry-After', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 3, resumeGlobalPerMinute: 1000, createPerMinute: 1000 } });
    const scout = await loggedInAs(t.app, 'scout');
    const existing = await createAssessment(t.app);
    const probe = () => t.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes: [createChange(existing.resumeCode)] }, remoteAddress: '192.0.2.77' });
    const answers: number[] = [];
    for (let i = 0; i < 3; i++) answers.push((await probe()).statusCode);
    expect(answers).toEqual([409, 409, 409]);
    expectRetryAfter(await probe(), 'resume-code.too-many-wrong');
    // A fresh code from the same tablet still syncs.
    expect((await t.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes: [createChange(tabletResumeCode())] }, remoteAddress: '192.0.2.77' })).statusCode).toBe(200);
  });
});

describe('staff read; businesses write', () => {
  it.each(['staff', 'admin'] as const)('%s may view a check (audited) but neither change nor submit it', async (role) => {
    const t = await app();
    const member = await loggedInAs(t.app, role);
    const check = await createAssessment(t.app);
    await t.app.inject({ method: 'PATCH', url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': check.resumeCode }, payload: { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance } });
    expect((await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { cookie: member.cookie } })).statusCode).toBe(200);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/assessments/${check.id}`, headers: member.headers, payload: { revision: 1, profile: { companyName: 'Übernommen' } } }), 'auth.role-required');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/submit`, headers: member.headers }), 'auth.role-required');
    const state = (await getAssessment(t.app, check)).json();
    expect(state).toMatchObject({ status: 'draft', revision: 1, profile: { companyName: set.profile.companyName } });
    // The business itself still writes.
    expect((await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/submit`, headers: { 'x-resume-code': check.resumeCode } })).statusCode).toBe(200);
  });
});

describe('personal data is never cached', () => {
  it('every answer with answers, results, names, e-mails or tokens says Cache-Control: no-store', async () => {
    const t = await app();
    const admin = await loggedInAs(t.app, 'admin');
    const scout = await loggedInAs(t.app, 'scout');
    const { created } = await submitAnswerSet(t.app, { ...set, profile: { ...set.profile, email: 'inhaber@example.org', contactConsent: true } });
    const code = { 'x-resume-code': created.resumeCode };
    const visitId = randomUUID();
    const requests = [
      { method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' } },
      { url: `/api/assessments/${created.id}`, headers: code },
      { url: `/api/assessments/${created.id}/result`, headers: code },
      { url: `/api/assessments/${created.id}/report.pdf`, headers: code },
      { method: 'POST', url: '/api/resume', payload: { resumeCode: created.resumeCode } },
      { url: `/api/assessments/${created.id}/data-export`, headers: { cookie: admin.cookie } },
      { url: '/api/exports/results.csv', headers: { cookie: admin.cookie } },
      { url: '/api/exports/aggregates.csv', headers: { cookie: admin.cookie } },
      { url: '/api/stats', headers: { cookie: admin.cookie } },
      { url: '/api/users', headers: { cookie: admin.cookie } },
      { url: '/api/audit', headers: { cookie: admin.cookie } },
      { url: '/api/auth/me', headers: { cookie: admin.cookie } },
      { method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes: [] } },
      { url: '/api/visits', headers: { cookie: scout.cookie } },
      { url: `/api/visits/${visitId}`, headers: { cookie: scout.cookie } },
      { url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': WRONG } },
    ] as const;
    for (const request of requests) {
      const response = await t.app.inject(request as never);
      expect(response.headers['cache-control'], `${'method' in request ? request.method : 'GET'} ${request.url} → ${response.statusCode}`).toMatch(/(^|[ ,])no-store($|,)/);
    }
    // A released questionnaire is the same for everyone: the browser and the tablets may keep it.
    expect((await t.app.inject({ url: '/api/questionnaires/handwerk-digital/1.0.0' })).headers['cache-control']).toMatch(/public/);
  });
});

describe('other sites change nothing', () => {
  const newUser = () => ({ email: `neu-${randomUUID()}@example.org`, role: 'staff' });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['a foreign Origin on the same host name but another port', { origin: 'http://localhost:8080' }],
  ])('a state-changing session request with %s answers 403 and changes nothing', async (_case, foreign) => {
    const t = await app({ publicUrl: 'https://check.example.org' });
    const admin = await loggedInAs(t.app, 'admin');
    const payload = newUser();
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin.headers, ...foreign }, payload }), 'auth.cross-site');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...admin.headers, ...foreign } }), 'auth.cross-site');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: foreign, payload: { email: admin.email, password: PASSWORD } }), 'auth.cross-site');
    // Nothing happened: the user does not exist, the session lives.
    const users = (await t.app.inject({ url: '/api/users?limit=100', headers: { cookie: admin.cookie } })).json();
    expect(users.items.map((u: { email: string }) => u.email)).not.toContain(payload.email);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });

  it.each([
    ['no Origin (a non-browser client)', {}],
    ['the Origin it was sent to', { origin: 'http://localhost' }],
    ['the configured public origin', { origin: 'https://check.example.org', 'sec-fetch-site': 'same-origin' }],
  ])('the same request with %s goes through', async (_case, own) => {
    const t = await app({ publicUrl: 'https://check.example.org' });
    const admin = await loggedInAs(t.app, 'admin');
    expect((await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin.headers, ...own }, payload: newUser() })).statusCode).toBe(201);
  });

  it('reads and a business’s own requests (no session) are not refused', async () => {
    const t = await app();
    const admin = await loggedInAs(t.app, 'admin');
    const foreign = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie, ...foreign } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/assessments', headers: foreign, payload: { questionnaireId: 'handwerk-digital' } })).statusCode).toBe(201);
  });
});
