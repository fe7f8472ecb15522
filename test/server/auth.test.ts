import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createUser, login, loggedInAs, sessionCookie } from '../helpers/accounts.ts';
import { createAssessment } from '../helpers/api-client.ts';
import { expectProblem } from '../helpers/problems.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

let t: TestApp;
let clock = new Date('2026-11-23T10:00:00Z').getTime();
beforeAll(async () => {
  t = await createTestApp({
    now: () => new Date(clock),
    sessionPolicy: { idleMs: 30 * 60_000, absoluteMs: 8 * 60 * 60_000 },
    rateLimits: { loginPerMinute: 10_000, loginFailuresPerClient: 20, loginFailuresPerAccountAndClient: 5, createPerMinute: 10_000, resumePerMinute: 10_000, resumeGlobalPerMinute: 10_000 },
  });
});
afterAll(async () => t.close());

const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } });

describe('POST /api/auth/login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers the CSRF token', async () => {
    const user = await createUser(t.app, 'staff');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(response.json()).toMatchObject({ user: { email: user.email, role: 'staff' }, csrfToken: expect.any(String) });
    const who = await me(sessionCookie(response.headers['set-cookie']));
    expect(who.json()).toMatchObject({ user: { id: user.id }, csrfToken: response.json().csrfToken });
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const user = await createUser(t.app, 'staff');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'falsch-falsch-falsch' }, remoteAddress: '10.0.0.1' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'niemand@example.org', password: 'falsch-falsch-falsch' }, remoteAddress: '10.0.0.1' });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    const { instance: _a, ...forUnknown } = unknown.json();
    const { instance: _b, ...forWrong } = wrong.json();
    expect(forUnknown).toEqual(forWrong);
  });

  it('gives a new session id at every login', async () => {
    const user = await createUser(t.app, 'staff');
    const first = await login(t.app, user.email);
    const second = await login(t.app, user.email);
    expect(second.cookie).not.toBe(first.cookie);
  });

  it('throttles an account from one address after 5 failures there, even with the right password; elsewhere it logs in (issue 20)', async () => {
    const user = await createUser(t.app, 'admin');
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'nicht-das-passwort' }, remoteAddress: '10.1.0.1' });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD }, remoteAddress: '10.1.0.1' });
    expectProblem(blocked, 'auth.login-throttled');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    // The rightful user at another address is not locked out by someone else's guesses.
    expect((await login(t.app, user.email, PASSWORD, '10.1.1.1')).email).toBe(user.email);
    clock += 16 * 60_000;
    expect((await login(t.app, user.email, PASSWORD, '10.1.0.1')).email).toBe(user.email);
  });

  it('throttles a client address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `probe-${i}@example.org`, password: 'raten-raten-raten' }, remoteAddress: '10.9.9.9' });
    }
    const user = await createUser(t.app, 'staff');
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD }, remoteAddress: '10.9.9.9' });
    expectProblem(blocked, 'auth.login-throttled');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD }, remoteAddress: '10.9.9.10' });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('logout needs the CSRF token, then ends the session at once', async () => {
    const session = await loggedInAs(t.app, 'staff');
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(noToken.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it('ends when idle for longer than the idle limit', async () => {
    const session = await loggedInAs(t.app, 'staff');
    clock += 20 * 60_000;
    expect((await me(session.cookie)).statusCode).toBe(200);
    clock += 20 * 60_000;
    expect((await me(session.cookie)).statusCode).toBe(200);
    clock += 31 * 60_000;
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it('ends after the absolute limit however busy', async () => {
    const session = await loggedInAs(t.app, 'staff');
    // 16 × 29 minutes = 7 h 44 min: never idle, still within the 8 hours.
    for (let i = 0; i < 16; i++) {
      clock += 29 * 60_000;
      expect((await me(session.cookie)).statusCode).toBe(200);
    }
    clock += 29 * 60_000;
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it('ends when an admin disables the user', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    const staff = await loggedInAs(t.app, 'staff');
    const disable = await t.app.inject({ method: 'PATCH', url: `/api/users/${staff.userId}`, headers: admin.headers, payload: { disabled: true } });
    expect(disable.statusCode).toBe(200);
    expect((await me(staff.cookie)).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: PASSWORD }, remoteAddress: '10.2.0.1' });
    expect(again.statusCode).toBe(401);
  });

  it('never changes state on GET', async () => {
    const session = await loggedInAs(t.app, 'staff');
    expect((await t.app.inject({ url: '/api/auth/logout', headers: { cookie: session.cookie } })).statusCode).toBe(404);
    expect((await me(session.cookie)).statusCode).toBe(200);
  });
});

describe('user management', () => {
  it('lets an admin create a user, with a generated password shown once', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'neu@example.org', role: 'scout', name: 'Pia Scout' } });
    expect(created.statusCode).toBe(201);
    const { user, generatedPassword } = created.json();
    expect(generatedPassword).toMatch(/^[a-z2-9]{20}$/);
    expect((await login(t.app, user.email, generatedPassword, '10.3.0.1')).email).toBe('neu@example.org');
    const list = (await t.app.inject({ url: '/api/users?limit=200', headers: { cookie: admin.cookie } })).json().items;
    expect(list.find((u: { email: string }) => u.email === 'neu@example.org')).toBeDefined();
    expect(list.find((u: { email: string }) => u.email === 'neu@example.org')).not.toHaveProperty('passwordHash');
  });

  it('refuses a state change without the CSRF token', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { email: 'csrf@example.org', role: 'staff' } });
    expect(response.statusCode).toBe(403);
    expectProblem(response, 'auth.csrf-missing');
  });

  it('keeps at least one active admin', async () => {
    const own = await createTestApp();
    const admin = await loggedInAs(own.app, 'admin');
    const response = await own.app.inject({ method: 'PATCH', url: `/api/users/${admin.userId}`, headers: admin.headers, payload: { role: 'staff' } });
    expectProblem(response, 'user.last-admin', { errors: [{ in: 'body', pointer: '/role', code: 'user.last-admin', message: expect.any(String) }] });
    await own.close();
  });

  it('writes user changes to the audit log that admins read', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'audit-me@example.org', role: 'staff' } });
    const audit = (await t.app.inject({ url: '/api/audit?limit=5', headers: { cookie: admin.cookie } })).json();
    expect(audit[0]).toMatchObject({ action: 'user.create', actorEmail: admin.email, details: { email: 'audit-me@example.org', role: 'staff' } });
  });
});

describe('role boundaries', () => {
  const staffOnly = ['/api/stats', '/api/exports/results.csv', '/api/exports/aggregates.csv'];
  const adminOnly = ['/api/users', '/api/audit'];

  it.each([...staffOnly, ...adminOnly])('anonymous users reach nothing of %s', async (url) => {
    expect((await t.app.inject(url)).statusCode).toBe(401);
  });

  it.each(staffOnly)('a scout cannot read %s', async (url) => {
    const scout = await loggedInAs(t.app, 'scout');
    expect((await t.app.inject({ url, headers: { cookie: scout.cookie } })).statusCode).toBe(403);
  });

  it.each(adminOnly)('staff cannot read %s', async (url) => {
    const staff = await loggedInAs(t.app, 'staff');
    expect((await t.app.inject({ url, headers: { cookie: staff.cookie } })).statusCode).toBe(403);
  });

  it('staff can see an individual check only with an audit entry', async () => {
    const staff = await loggedInAs(t.app, 'staff');
    const admin = await loggedInAs(t.app, 'admin');
    const check = await createAssessment(t.app);
    const view = await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { cookie: staff.cookie } });
    expect(view.statusCode).toBe(200);
    const audit = (await t.app.inject({ url: '/api/audit?limit=20', headers: { cookie: admin.cookie } })).json();
    expect(audit).toContainEqual(expect.objectContaining({ action: 'assessment.view', subject: check.id, actorEmail: staff.email }));
  });

  it('a scout cannot open a check that is not from their visits', async () => {
    const scout = await loggedInAs(t.app, 'scout');
    const check = await createAssessment(t.app);
    expect((await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { cookie: scout.cookie } })).statusCode).toBe(403);
  });
});
