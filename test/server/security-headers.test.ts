/**
 * The security headers are computed once (server/plugins/security-headers.ts)
 * instead of by @fastify/helmet on every request: every response carries
 * exactly the headers @fastify/helmet with the same options sets.
 */
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELMET_OPTIONS } from '../../server/plugins/security.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

let t: TestApp;
let expected: Record<string, unknown>;
beforeAll(async () => {
  t = await createTestApp({ clientDir: null });
  const reference = Fastify();
  await reference.register(helmet, HELMET_OPTIONS);
  reference.get('/', async () => '');
  const plain = Fastify();
  plain.get('/', async () => '');
  const [withHelmet, without] = await Promise.all([reference.inject('/'), plain.inject('/')]);
  expected = Object.fromEntries(Object.entries(withHelmet.headers).filter(([name]) => !(name in without.headers)));
  await Promise.all([reference.close(), plain.close()]);
});
afterAll(() => t.close());

describe('security headers', () => {
  it.each([
    ['a page', 'GET', '/health', 200],
    ['an API answer', 'GET', '/api/questionnaires', 200],
    ['a created check', 'POST', '/api/assessments', 201],
    ['a refusal', 'GET', '/api/assessments/00000000-0000-4000-8000-000000000000', 403],
    ['an unknown route', 'GET', '/api/nothing-here', 404],
    ['a write', 'PATCH', '/api/assessments/00000000-0000-4000-8000-000000000000', 403],
  ] as const)('are the ones @fastify/helmet sets, on %s', async (_name, method, url, status) => {
    const payload = method === 'PATCH' ? { revision: 0 } : method === 'POST' ? { questionnaireId: 'handwerk-digital' } : undefined;
    const response = await t.app.inject({ method, url, headers: method === 'POST' ? {} : { 'x-resume-code': 'X' }, payload });
    // Only Helmet's headers are preset: each answer is still serialised as its route says.
    expect(response.statusCode).toBe(status);
    expect(Object.keys(expected).length).toBeGreaterThan(8);
    expect(expected).toHaveProperty('content-security-policy');
    for (const [name, value] of Object.entries(expected)) expect(response.headers[name], name).toEqual(value);
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });
});
