import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { addWorkshop, refusedFields, workshopBody } from '../helpers/offers.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

// The test clock stands at 2026-11-23.
const NEXT_WEEK = '2026-11-30T17:00';
const LAST_WEEK = '2026-11-16T17:00';

describe('the offers API (/api/catalogue/workshops, partners, topics)', () => {
  let t: TestApp;
  let staff: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loggedInAs(t.app, 'staff');
  });
  afterAll(() => t.close());

  it('seeds an empty database from the catalogue files', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/catalogue/workshops?retired=true', headers: { cookie: staff.cookie } });
    expect(response.statusCode).toBe(200);
    const workshops = response.json() as { id: string; revision: number; retired: boolean }[];
    const inFile = (JSON.parse(readFileSync(new URL('../../questionnaires/catalogue/workshops.json', import.meta.url), 'utf8')) as { workshops: unknown[] }).workshops.length;
    expect(workshops.length).toBe(inFile);
    expect(workshops.every((w) => w.revision === 1 && !w.retired)).toBe(true);
  });

  it('adds a workshop, lists it and audits it with before and after', async () => {
    const body = workshopBody(NEXT_WEEK, { capacity: 12 });
    const created = await addWorkshop(t.app, staff, body);
    expect(created).toMatchObject({ id: body.id, revision: 1, retired: false, data: { capacity: 12, start: NEXT_WEEK, provider: { de: 'Handwerkskammer-Beispiel' } } });
    const catalogue = (await t.app.inject({ method: 'GET', url: '/api/catalogue' })).json() as { workshops: { id: string }[] };
    expect(catalogue.workshops.map((w) => w.id)).toContain(body.id);
    const admin = await loggedInAs(t.app, 'admin');
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: admin.cookie } })).json() as { action: string; subject: string; details: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'catalogue.workshop.create' && e.subject === body.id)).toMatchObject({ details: { before: null, after: { id: body.id, capacity: 12 } } });
  });

  it.each([
    ['an end before the start', { end: '2026-11-30T16:00' }, '/end'],
    ['an unknown topic', { topics: ['backup', 'telepathy'] }, '/topics/1'],
    ['an unknown region', { online: false, place: 'Bottrop', regions: ['atlantis'] }, '/regions/0'],
    ['a link that is not http(s)', { registrationUrl: 'javascript:alert(1)' }, '/registrationUrl'],
    ['a 10,000-character title', { title: { de: 'x'.repeat(10_000) } }, '/title/de'],
    ['a place missing for a workshop on site', { online: false }, '/place'],
    ['an audience the questionnaire does not know', { audience: { trades: ['zauberei'] } }, ''],
  ])('answers 400 naming the field for %s', async (_name, overrides, field) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/catalogue/workshops', headers: staff.headers, payload: workshopBody(NEXT_WEEK, overrides) });
    expect(response.statusCode).toBe(400);
    if (field) expect(refusedFields(response)).toContain(field);
    else expect(response.json().errors[0].message).toMatch(/zauberei/);
  });

  it('answers 400 naming the id for a duplicate id, retired ones included', async () => {
    const body = workshopBody(NEXT_WEEK);
    await addWorkshop(t.app, staff, body);
    const again = await t.app.inject({ method: 'POST', url: '/api/catalogue/workshops', headers: staff.headers, payload: body });
    expect(again.statusCode).toBe(400);
    expect(refusedFields(again)).toEqual(['/id']);
  });

  it('when the revision is stale, answers 409 with the current entry, so no edit is lost', async () => {
    const created = await addWorkshop(t.app, staff, workshopBody(NEXT_WEEK));
    const other = await loggedInAs(t.app, 'staff');
    const first = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/workshops/${created.id}`, headers: other.headers, payload: { revision: 1, title: { de: 'Neuer Titel' } } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ revision: 2, data: { title: { de: 'Neuer Titel' } } });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/workshops/${created.id}`, headers: staff.headers, payload: { revision: 1, capacity: 5 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ current: { id: created.id, revision: 2, data: { title: { de: 'Neuer Titel' } } } });
    const cleared = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/workshops/${created.id}`, headers: staff.headers, payload: { revision: 2, end: null, summary: null } });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().data).not.toHaveProperty('end');
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/workshops/${created.id}`, headers: staff.headers, payload: { revision: 3, end: '2020-01-01T00:00' } });
    expect(bad.statusCode).toBe(400);
    expect(refusedFields(bad)).toEqual(['/end']);
  });

  it('refers a workshop added for next week from the live catalogue, never one that has passed, and none once retired', async () => {
    const { prepared } = latestHandwerkDigital();
    const { created, result } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    // The same topics as the best-fitting workshop so far, and earlier: it ranks first.
    const topics = result.result.referrals.workshops[0].workshop.topics as string[];
    const upcoming = await addWorkshop(t.app, staff, workshopBody(NEXT_WEEK, { topics, title: { de: 'Frisch geplant' } }));
    const past = await addWorkshop(t.app, staff, workshopBody(LAST_WEEK, { topics, end: '2026-11-16T19:00' }));
    const read = async () =>
      ((await t.app.inject({ method: 'GET', url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } })).json().result.referrals.workshops as { workshop: { id: string } }[]).map((w) => w.workshop.id);
    expect(await read()).toContain(upcoming.id);
    expect(await read()).not.toContain(past.id);
    const retired = await t.app.inject({ method: 'DELETE', url: `/api/catalogue/workshops/${upcoming.id}`, headers: staff.headers });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ retired: true });
    expect(await read()).not.toContain(upcoming.id);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/catalogue/workshops?retired=true', headers: { cookie: staff.cookie } })).json() as { id: string; retired: boolean }[];
    expect(listed.find((w) => w.id === upcoming.id)).toMatchObject({ retired: true });
  });

  it('edits partners and topics the same way, and keeps a topic that offers or questionnaires use', async () => {
    const topic = await t.app.inject({ method: 'POST', url: '/api/catalogue/topics', headers: staff.headers, payload: { id: 'ki-im-handwerk', title: { de: 'KI im Handwerk' } } });
    expect(topic.statusCode).toBe(201);
    const partner = await t.app.inject({
      method: 'POST',
      url: '/api/catalogue/partners',
      headers: staff.headers,
      payload: { id: 'ki-lab', name: 'KI-Lab Beispiel', kind: 'university', topics: ['ki-im-handwerk'], regions: ['bottrop'], offer: { de: 'Sprechstunde' }, contact: { url: 'https://example.org/ki' } },
    });
    expect(partner.statusCode).toBe(201);
    const used = await t.app.inject({ method: 'DELETE', url: '/api/catalogue/topics/ki-im-handwerk', headers: staff.headers });
    expect(used.statusCode).toBe(409);
    const questionnaireTopic = await t.app.inject({ method: 'DELETE', url: '/api/catalogue/topics/backup', headers: staff.headers });
    expect(questionnaireTopic.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/catalogue/partners/ki-lab', headers: staff.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/catalogue/topics/ki-im-handwerk', headers: staff.headers })).statusCode).toBe(200);
  });

  it('is for staff and admins only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogue/workshops' })).statusCode).toBe(401);
    const scout = await loggedInAs(t.app, 'scout');
    expect((await t.app.inject({ method: 'POST', url: '/api/catalogue/workshops', headers: scout.headers, payload: workshopBody(NEXT_WEEK) })).statusCode).toBe(403);
  });
});
