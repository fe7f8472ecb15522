import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkQuestionnaire } from '../../questionnaires/engine/index.ts';
import { loggerOptions } from '../../server/app.ts';
import { createAssessment, getAssessment, patchAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.close())));
const app = async (options: Parameters<typeof createTestApp>[0] = {}) => {
  const t = await createTestApp(options);
  apps.push(t);
  return t;
};

describe('guessing resume codes', () => {
  it('is refused per client after the limit, and globally after the global limit', async () => {
    const t = await app({ rateLimits: { resumePerMinute: 10, resumeGlobalPerMinute: 25, createPerMinute: 1000 } });
    const guess = (ip: string) => t.app.inject({ method: 'POST', url: '/api/resume', payload: { resumeCode: 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456' }, remoteAddress: ip });
    const first = [];
    for (let i = 0; i < 12; i++) first.push((await guess('10.0.0.1')).statusCode);
    expect(first).toEqual([...Array(10).fill(404), 429, 429]);
    // Wrong codes on a check's URL count as guesses too; the right code still opens its check (test/server/rate-limits.test.ts).
    const check = await createAssessment(t.app);
    const wrongViaHeader = await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456' }, remoteAddress: '10.0.0.1' });
    expect(wrongViaHeader.statusCode).toBe(429);
    const owner = await t.app.inject({ url: `/api/assessments/${check.id}`, headers: { 'x-resume-code': check.resumeCode }, remoteAddress: '10.0.0.1' });
    expect(owner.statusCode).toBe(200);
    // Other clients still get through, until everyone together hits the global limit: 13 wrong codes so far
    // (guesses past a client's own limit count for everyone too), so 12 more.
    const others = [];
    for (let i = 0; i < 20; i++) others.push((await guess(`10.0.1.${i}`)).statusCode);
    expect(others).toEqual([...Array(12).fill(404), ...Array(8).fill(429)]);
  });

  it('takes as long for an unknown id as for a known id with a wrong code', async () => {
    const t = await app();
    const { prepared } = handwerkDigital();
    const known = await createAssessment(t.app);
    // A big draft makes any parsing of the record visible in the timing.
    const answers = Object.fromEntries(prepared.questions.filter((e) => e.question.type === 'text').map((e) => [e.question.id, 'x'.repeat(1900)]));
    await patchAssessment(t.app, known, { revision: 0, answers });
    const wrong = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456';
    // Timed at the service, where a difference of microseconds is not drowned by HTTP.
    const time = async (id: string) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 50; i++) {
        try {
          await t.app.assessments.authorize(id, wrong);
        } catch {
          /* 403 expected */
        }
      }
      return Number(process.hrtime.bigint() - start) / 50_000;
    };
    await expect(t.app.assessments.authorize(known.id, wrong)).rejects.toThrow(/does not open/);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    const round = async () => {
      const knownTimes: number[] = [];
      const unknownTimes: number[] = [];
      for (let i = 0; i < 200; i++) {
        // Interleaved, so load on the machine hits both alike.
        knownTimes.push(await time(known.id));
        unknownTimes.push(await time('00000000-0000-4000-8000-000000000000'));
      }
      const [k, u] = [median(knownTimes), median(unknownTimes)];
      return Math.abs(k - u) / Math.max(k, u);
    };
    // A real difference shows in every round; a noisy neighbour on a shared machine rarely in three.
    const differences: number[] = [];
    for (let i = 0; i < 3 && !differences.some((d) => d < 0.2); i++) differences.push(await round());
    expect(Math.min(...differences)).toBeLessThan(0.2);
  });
});

describe('hostile free text', () => {
  it('is stored and answered exactly as written', async () => {
    const t = await app();
    const check = await createAssessment(t.app);
    const hostile = `<script>alert("x")</script> =HYPERLINK("http://evil") \u202eevil\u202c ${'ü'.repeat(50)}`;
    const saved = await patchAssessment(t.app, check, { revision: 0, profile: { companyName: hostile } });
    expect(saved.statusCode).toBe(200);
    expect((await getAssessment(t.app, check)).json().profile.companyName).toBe(hostile.trim());
    expect((await getAssessment(t.app, check)).headers['content-type']).toMatch(/^application\/json/);
  });

  it('rejects a 50,000-character e-mail or postcode fast, naming the field', async () => {
    const t = await app();
    const check = await createAssessment(t.app);
    const start = performance.now();
    const response = await patchAssessment(t.app, check, { revision: 0, profile: { email: `${'a.'.repeat(25_000)}@x`, postcode: '1'.repeat(50_000) } });
    expect(performance.now() - start).toBeLessThan(200);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/profile/email', '/profile/postcode']);
  });

  it('rejects prototype-pollution keys instead of dropping them', async () => {
    const t = await app();
    const check = await createAssessment(t.app);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/assessments/${check.id}`,
      headers: { 'x-resume-code': check.resumeCode, 'content-type': 'application/json' },
      payload: '{"revision":0,"answers":{"__proto__":{"polluted":true}}}',
    });
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('logs', () => {
  it('carry request ids but no resume codes, cookies, e-mails or client addresses', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const t = await app({ logger: { ...loggerOptions('info'), stream } });
    const check = await createAssessment(t.app);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/assessments/${check.id}?email=leak@example.org`,
      headers: { 'x-resume-code': check.resumeCode, cookie: 'procheck_session=secret-session' },
      payload: { revision: 0, profile: { email: 'inhaber@example.org', companyName: 'Malerbetrieb Geheim' } },
      remoteAddress: '203.0.113.7',
    });
    const log = lines.join('');
    expect(log).toContain('"reqId"');
    for (const secret of [check.resumeCode, 'secret-session', 'inhaber@example.org', 'leak@example.org', 'Malerbetrieb Geheim', '203.0.113.7']) expect(log).not.toContain(secret);
    expect(lines.every((line) => JSON.parse(line))).toBe(true);
  });
});

describe('broken questionnaire files', () => {
  it('are rejected with paths, never half-loaded, never with an unexplained exception', () => {
    const { prepared } = handwerkDigital();
    const original = JSON.parse(JSON.stringify(prepared.definition)) as Record<string, unknown>;
    // Replace a random node anywhere in the document with a random JSON value.
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, at: (string | number)[]) => {
      if (at.length > 6) return;
      paths.push(at);
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...at, i]));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
    };
    walk(original, []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue({ maxDepth: 2 }), (index, value) => {
        const broken = structuredClone(original);
        const at = paths[index]!;
        let parent = broken as Record<string | number, unknown>;
        for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[at.at(-1)!] = value;
        const result = checkQuestionnaire(broken);
        if (!result.ok) for (const issue of result.issues) expect(typeof issue.message).toBe('string');
      }),
      { numRuns: 1500 },
    );
  });
});
