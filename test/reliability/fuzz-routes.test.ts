/**
 * Hostile input on every route: thousands of generated bodies, query strings
 * and path parameters — wrong types, huge strings, deep nesting, prototype
 * keys, invalid UTF-8, control characters. Every one must answer 2xx or a 4xx
 * naming what was wrong — never 5xx, never a hang — and a rejected one must
 * leave the database unchanged. FUZZ_RUNS scales the number of cases.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_CODES, PROBLEM_CODES, type ProblemCode } from '../../api/problem-codes.ts';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { type Created, createAssessment } from '../helpers/api-client.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';
import { sqliteConnection } from '../helpers/engine.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
let t: TestApp;
let staff: LoggedIn;
let admin: LoggedIn;
let check: Created;
const tried: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  staff = await loggedInAs(t.app, 'staff');
  admin = await loggedInAs(t.app, 'admin');
  check = await createAssessment(t.app);
});
afterAll(async () => {
  console.log(`fuzz cases per route: ${Object.entries(tried).map(([route, n]) => `${route} ${n}`).join(', ')}`);
  await t.close();
});

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** JSON text that JSON.stringify cannot make: prototype keys, deep nesting, broken bytes. */
const hostileText = fc.oneof(
  fc.constantFrom(...PROTO_KEYS).map((key) => `{"${key}":{"polluted":true},"questionnaireId":"handwerk-digital"}`),
  fc.constantFrom(...PROTO_KEYS).map((key) => `{"revision":0,"answers":{"${key}":"x"},"profile":{"${key}":{"trade":"x"}}}`),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 100, max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"email": "\u0000\u0001\u001f", "password": "\ud800"}'),
  fc.constant('{"resumeCode":'),
);

/** Values of every JSON type, including huge strings and control characters. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer({ min: 50_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
    fc.constantFrom('=1+1', '<script>alert(1)</script>', '\u202e', 'n/a', '', ' ', '0', '-1'),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('trade', 'revision', 'answers', 'profile', 'email', 'id', 'status')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Objects shaped like the route's body, with hostile values. */
const shaped = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: keys.length });

const bodies = (keys: string[]) =>
  fc.oneof(
    shaped(keys).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })),
    hostileValue.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
    hostileText.map((payload) => ({ payload, contentType: 'application/json' })),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ payload: Buffer.concat([Buffer.from('{"questionnaireId":"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), contentType: 'application/json' })),
    fc.string({ maxLength: 50 }).map((payload) => ({ payload, contentType: 'text/plain' })),
  );

const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), fc.constantFrom('%00', '..', '%2e%2e', '__proto__', 'x'.repeat(5000), '%ff%fe'));
const query = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('trade', 'groupBy', 'from', 'to', 'limit', 'before', 'locale', 'version', '__proto__', 'questionnaireId')),
  fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('2026-13', '-1', '1e309', 'lebensmittel', '', 'x'.repeat(3000))),
  { maxKeys: 5 },
);
const queryString = query.map((q) => Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
const path = (raw: string) => raw.split('/').map((p) => (p.startsWith('%') ? p : encodeURIComponent(p))).join('/');

async function expectSafe(route: string, options: InjectOptions) {
  tried[route] = (tried[route] ?? 0) + 1;
  const changesBefore = sqliteConnection(t.app).prepare('SELECT total_changes()').pluck().get() as number;
  const started = performance.now();
  const response = await t.app.inject(options);
  const elapsed = performance.now() - started;
  expect(response.statusCode, `${route} ${String(options.url)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(elapsed, `${route} took ${elapsed} ms`).toBeLessThan(2_000);
  if (response.statusCode >= 400) {
    // Every refusal is problem details with a known code and its status (api/problem-codes.ts).
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json() as { code: ProblemCode; status: number; detail: unknown; errors: unknown };
    expect(PROBLEM_CODES[body.code]?.status, `unknown code ${body.code}`).toBe(response.statusCode);
    expect(body.status).toBe(response.statusCode);
    expect(typeof body.detail).toBe('string');
    expect(Array.isArray(body.errors)).toBe(true);
    for (const error of body.errors as { pointer: unknown; code: unknown; message: unknown }[]) {
      expect(typeof error.pointer === 'string' && FIELD_CODES.includes(error.code as never) && typeof error.message === 'string').toBe(true);
    }
    expect(sqliteConnection(t.app).prepare('SELECT total_changes()').pluck().get(), `${route}: a rejected request changed the database`).toBe(changesBefore);
  }
}

const withBody = (route: string, method: 'POST' | 'PATCH' | 'DELETE', url: () => string, keys: string[], headers: () => Record<string, string> = () => ({})) =>
  it(`${method} ${route}: bodies`, async () => {
    await fc.assert(
      fc.asyncProperty(bodies(keys), async ({ payload, contentType }) => {
        await expectSafe(`${method} ${route}`, { method, url: url(), payload, headers: { 'content-type': contentType, ...headers() } });
      }),
      { numRuns: RUNS },
    );
  });

describe('fuzzing every route', () => {
  withBody('/api/assessments', 'POST', () => '/api/assessments', ['questionnaireId', 'version', 'previousResumeCode']);
  withBody('/api/assessments/:id', 'PATCH', () => `/api/assessments/${check.id}`, ['revision', 'profile', 'answers', 'relevance'], () => ({ 'x-resume-code': check.resumeCode }));
  withBody('/api/resume', 'POST', () => '/api/resume', ['resumeCode']);
  withBody('/api/auth/login', 'POST', () => '/api/auth/login', ['email', 'password']);
  withBody('/api/users', 'POST', () => '/api/users', ['email', 'name', 'role', 'password'], () => admin.headers);
  withBody('/api/users/:id', 'PATCH', () => `/api/users/${staff.userId}`, ['name', 'role', 'disabled', 'password'], () => admin.headers);
  withBody('/api/assessments/:id/submit', 'POST', () => `/api/assessments/${check.id}/submit`, ['anything'], () => ({ 'x-resume-code': check.resumeCode }));

  it('path parameters of every route with an id', async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST'), async (a, b, method) => {
        const templates = [`/api/assessments/${path(a)}`, `/api/assessments/${path(a)}/result`, `/api/assessments/${path(a)}/submit`, `/api/questionnaires/${path(a)}/${path(b)}`, `/api/users/${path(a)}`, `/api/assessments/${path(a)}/data-export`];
        for (const url of templates) {
          await expectSafe(`${method} ${url.replace(/\/api\/(\w+)\/.*/, '/api/$1/:…')}`, { method: method as 'GET', url, headers: { 'x-resume-code': check.resumeCode, ...admin.headers } });
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('query strings of the staff routes', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, fc.constantFrom('/api/stats', '/api/exports/results.csv', '/api/exports/aggregates.csv', '/api/audit'), async (qs, url) => {
        await expectSafe(`GET ${url}`, { method: 'GET', url: `${url}?${qs}`, headers: { cookie: admin.cookie } });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('resume-code headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: 'binary-ascii', maxLength: 80 })), async (code) => {
        await expectSafe('GET /api/assessments/:id (header)', { method: 'GET', url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': code } });
      }),
      { numRuns: RUNS },
    );
  });

  it('left the check it attacked intact', async () => {
    const state = await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': check.resumeCode } });
    expect(state.statusCode).toBe(200);
    const prototypeOk = ({} as Record<string, unknown>).polluted === undefined;
    expect(prototypeOk).toBe(true);
  });
});
