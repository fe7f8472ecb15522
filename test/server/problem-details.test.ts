/**
 * The one error handler: whatever refuses a request — a route, the
 * validator, Fastify itself, the router — the answer is problem details with
 * a code; a failure of the server says nothing but its request id, which the
 * log names with the cause.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../server/app.ts';
import { jsonPointer } from '../../server/errors.ts';
import { expectProblem } from '../helpers/problems.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  t = await createTestApp({ logger: { ...loggerOptions('info'), stream } });
  // A route that breaks, as a bug would.
  t.app.get('/api/test-only/broken', async () => {
    throw new Error('database file is locked by /var/secret/path');
  });
});
afterAll(async () => t.close());

describe('problem details', () => {
  it('a 5xx is generic: a code and the request id, the cause only in the log', async () => {
    const response = await t.app.inject('/api/test-only/broken');
    const body = expectProblem(response, 'internal', { errors: [] });
    expect(response.body).not.toContain('secret');
    const requestId = body.instance.replace('urn:uuid:', '');
    const logged = lines.map((line) => JSON.parse(line) as { reqId?: string; err?: { message: string } }).find((l) => l.reqId === requestId && l.err);
    expect(logged?.err?.message).toContain('/var/secret/path');
  });

  it.each([
    ['an unknown API path', { url: '/api/nothing-here' }, 'route.not-found'],
    ['an unknown method on a known path', { method: 'PUT', url: '/api/questionnaires' }, 'route.not-found'],
    ['a malformed URL', { url: '/api/assessments/%E0%A4%A' }, 'request.malformed'],
    ['a prototype key in the JSON', { method: 'POST', url: '/api/resume', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1},"resumeCode":"a"}' }, 'request.malformed'],
    ['an empty JSON body', { method: 'POST', url: '/api/resume', headers: { 'content-type': 'application/json' }, payload: '' }, 'request.malformed'],
  ] as const)('%s answers %s', async (_case, request, code) => {
    expectProblem(await t.app.inject(request as never), code);
  });

  it('names offending query, path and header fields by location and pointer', async () => {
    const query = await t.app.inject('/api/assessments/00000000-0000-4000-8000-000000000000/report.pdf?locale=fr&extra=1');
    expect(expectProblem(query, 'request.invalid').errors.map((e) => `${e.in} ${e.pointer} ${e.code}`).sort()).toEqual(['query /extra field.unknown-key', 'query /locale field.invalid-value']);
    const path = await t.app.inject('/api/visits/not-a-uuid');
    expectProblem(path, 'auth.login-required');
    const header = await t.app.inject({ url: '/api/assessments/00000000-0000-4000-8000-000000000000', headers: { 'x-resume-code': 'x'.repeat(81) } });
    expect(expectProblem(header, 'request.invalid').errors).toEqual([{ in: 'header', pointer: '/x-resume-code', code: 'field.too-big', message: expect.any(String) }]);
  });

  it('escapes pointers as RFC 6901 says', () => {
    expect(jsonPointer(['answers', 'a/b', 'c~d', 0])).toBe('/answers/a~1b/c~0d/0');
    expect(jsonPointer([])).toBe('');
  });
});
