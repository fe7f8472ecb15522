/**
 * Visit and user lists come a page at a time (`?limit=&cursor=`, answering
 * `{ items, nextCursor }`): every item once, in the list's order, and a
 * cursor that is not one the list gave is the caller's fault.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../api/visits.ts';
import { RESUME_ALPHABET } from '../../server/assessments/resume-code.ts';
import { type LoggedIn, createUser, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { expectProblem } from '../helpers/problems.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { profile } = completeAnswerSet(handwerkDigital().prepared, 'middling');
let t: TestApp;
let admin: LoggedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedInAs(t.app, 'admin');
});
afterAll(async () => t.close());

function resumeCode(): string {
  let code = '';
  while (code.length < 28) {
    const byte = crypto.getRandomValues(new Uint8Array(1))[0]!;
    if (byte < 248) code += RESUME_ALPHABET[byte % RESUME_ALPHABET.length];
  }
  return code.match(/.{4}/g)!.join('-');
}

/** Follows nextCursor to the end; answers every page's ids. */
async function allPages(app: FastifyInstance, url: string, cookie: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response = await app.inject({ url: `${url}${cursor ? `&cursor=${cursor}` : ''}`, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
    pages.push(page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return pages;
}

describe('GET /api/visits', () => {
  it('pages through a scout’s visits, newest visit date first and undated last, each exactly once', async () => {
    const scout = await loggedInAs(t.app, 'scout');
    const dates = ['2026-11-01', '2026-11-20', '2026-11-20', '2026-10-15', null, '2026-11-20', null, '2026-09-30'];
    const ids: { id: string; date: string | null }[] = [];
    for (const [i, date] of dates.entries()) {
      const id = randomUUID();
      const base = { visitId: id, questionnaireId: 'handwerk-digital', version: '1.0.0', deviceId: 'tablet-pages', seq: i, at: '2026-11-23T09:00:00.000Z' };
      // A visit whose `create` has not arrived yet has no date.
      const body: Partial<SyncChange> = date
        ? { create: { resumeCode: resumeCode(), visitDate: date, business: { name: `Betrieb ${i}`, trade: profile.trade!, employees: profile.employees!, postcode: '46236' } } }
        : { set: { notes: {} } };
      const response = await t.app.inject({ method: 'POST', url: '/api/sync', headers: scout.headers, payload: { changes: [{ changeId: randomUUID(), ...base, ...body }] } });
      expect(response.statusCode, response.body).toBe(200);
      ids.push({ id, date });
    }
    const pages = await allPages(t.app, '/api/visits?limit=3', scout.cookie);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(dates.length);
    const dateOf = new Map(ids.map((v) => [v.id, v.date]));
    const seenDates = seen.map((id) => dateOf.get(id) ?? null);
    expect(seenDates).toEqual(['2026-11-20', '2026-11-20', '2026-11-20', '2026-11-01', '2026-10-15', '2026-09-30', null, null]);
  });

  it('answers 400 for a limit over 200 or a cursor it never gave', async () => {
    const scout = await loggedInAs(t.app, 'scout');
    const tooMany = await t.app.inject({ url: '/api/visits?limit=201', headers: { cookie: scout.cookie } });
    expectProblem(tooMany, 'request.invalid', { errors: [expect.objectContaining({ in: 'query', pointer: '/limit', code: 'field.too-big' })] });
    const forged = await t.app.inject({ url: `/api/visits?cursor=${Buffer.from('{"x":1}').toString('base64url')}`, headers: { cookie: scout.cookie } });
    expectProblem(forged, 'request.invalid', { errors: [{ in: 'query', pointer: '/cursor', code: 'field.invalid-format', message: expect.any(String) }] });
  });
});

describe('GET /api/users', () => {
  it('pages through the users by e-mail address, each exactly once', async () => {
    for (let i = 0; i < 7; i++) await createUser(t.app, 'staff', `seite-${String(i).padStart(2, '0')}-${randomUUID().slice(0, 4)}@example.org`);
    const pages = await allPages(t.app, '/api/users?limit=4', admin.cookie);
    const all = (await t.app.sql.all<{ id: string }>('SELECT id FROM users ORDER BY email')).map((u) => u.id);
    expect(pages.flat()).toEqual(all);
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
  });

  it('answers the first page by default, with at most 50', async () => {
    const response = await t.app.inject({ url: '/api/users', headers: { cookie: admin.cookie } });
    expect(response.json()).toMatchObject({ items: expect.any(Array), nextCursor: null });
  });
});
