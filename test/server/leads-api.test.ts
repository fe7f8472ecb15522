import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type Created, submitAnswerSet } from '../helpers/api-client.ts';
import { addWorkshop, refusedFields, workshopBody } from '../helpers/offers.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = latestHandwerkDigital();
const NEXT_WEEK = '2026-11-30T17:00';
const CONSENT = 'kontakt-2026-12';

const as = (created: Created) => ({ 'x-resume-code': created.resumeCode });
const csv = (payload: Buffer): string[][] => parse(payload, { delimiter: ';', bom: true });

async function giveContact(app: FastifyInstance, created: Created, body: Record<string, unknown> = { name: 'Mia Muster', email: 'mia@example.org', consentVersion: CONSENT }) {
  return app.inject({ method: 'PUT', url: `/api/assessments/${created.id}/contact`, headers: as(created), payload: body });
}
async function ask(app: FastifyInstance, created: Created, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/assessments/${created.id}/requests`, headers: as(created), payload });
}

describe('asking for help and the leads inbox', () => {
  let t: TestApp;
  let staff: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loggedInAs(t.app, 'staff');
  });
  afterAll(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  it('takes a business from a workshop added for next week to a request staff mark contacted', async () => {
    const { created, result } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak', { trade: 'bau-ausbau', employees: '5-9', postcode: '46236', companyName: 'Dachdeckerei Oben' }));
    const workshop = await addWorkshop(t.app, staff, workshopBody(NEXT_WEEK, { topics: result.result.referrals.workshops[0].workshop.topics, title: { de: 'Datensicherung am Abend' } }));
    const referred = (await t.app.inject({ url: `/api/assessments/${created.id}/result`, headers: as(created) })).json().result.referrals.workshops.map((w: { workshop: { id: string } }) => w.workshop.id);
    expect(referred).toContain(workshop.id);

    // Without contact details and consent, the page is told to ask for them.
    const clickId = randomUUID();
    const first = await ask(t.app, created, { requestId: clickId, offerKind: 'workshop', offerId: workshop.id, kind: 'interest' });
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({ needsContact: true });
    expect(refusedFields(await giveContact(t.app, created, { name: 'Mia Muster', email: 'mia@example.org', consentVersion: 'alt-2020' }))).toEqual(['/consentVersion']);
    expect(refusedFields(await giveContact(t.app, created, { name: 'Mia Muster', consentVersion: CONSENT }))).toEqual(['/email']);
    expect((await giveContact(t.app, created)).statusCode).toBe(200);

    // One click is one request, however often it is sent.
    const asked = await ask(t.app, created, { requestId: clickId, offerKind: 'workshop', offerId: workshop.id, kind: 'interest' });
    expect(asked.statusCode).toBe(201);
    const again = await Promise.all([1, 2, 3].map(() => ask(t.app, created, { requestId: clickId, offerKind: 'workshop', offerId: workshop.id, kind: 'interest' })));
    expect(again.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const otherClick = await ask(t.app, created, { requestId: randomUUID(), offerKind: 'workshop', offerId: workshop.id, kind: 'interest' });
    expect(otherClick.json().id).toBe(clickId);
    const mine = (await t.app.inject({ url: `/api/assessments/${created.id}/contact`, headers: as(created) })).json();
    expect(mine).toMatchObject({ contact: { name: 'Mia Muster', email: 'mia@example.org', consentVersion: CONSENT }, requests: [{ id: clickId, kind: 'interest', offerId: workshop.id, title: { de: 'Datensicherung am Abend' } }] });

    // The inbox has it, with the result summary.
    const inbox = (await get('/api/leads?status=new')).json();
    const lead = inbox.items.find((l: { id: string }) => l.id === created.id);
    expect(lead).toMatchObject({
      name: 'Mia Muster', company: 'Dachdeckerei Oben', email: 'mia@example.org', status: 'new', trade: 'bau-ausbau', region: 'bottrop', channel: 'online',
      overallScore: result.result.overall.score, overallLevel: result.result.overall.level, actionFields: result.result.highlights.actionFields.slice(0, 3),
      requests: [{ offerId: workshop.id, kind: 'interest' }],
    });

    // Staff mark it contacted; a stale edit answers 409 with the current lead.
    const contacted = await t.app.inject({ method: 'PATCH', url: `/api/leads/${created.id}`, headers: staff.headers, payload: { revision: lead.revision, status: 'contacted', assigneeId: staff.userId, notes: 'Rückruf Mo.' } });
    expect(contacted.statusCode).toBe(200);
    expect(contacted.json()).toMatchObject({ status: 'contacted', assignee: { id: staff.userId }, notes: 'Rückruf Mo.' });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/leads/${created.id}`, headers: staff.headers, payload: { revision: lead.revision, notes: 'überschrieben?' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ current: { notes: 'Rückruf Mo.', status: 'contacted' } });
    const noOutcome = await t.app.inject({ method: 'PATCH', url: `/api/leads/${created.id}`, headers: staff.headers, payload: { revision: lead.revision + 1, status: 'closed' } });
    expect(refusedFields(noOutcome)).toEqual(['/outcome']);
    expect((await get(`/api/leads?status=contacted&assignee=${staff.userId}`)).json().items.map((l: { id: string }) => l.id)).toEqual([created.id]);

    // The organiser's list, as JSON and CSV.
    expect((await get(`/api/catalogue/workshops/${workshop.id}/interested`)).json()).toMatchObject([{ id: created.id, name: 'Mia Muster', requestKind: 'interest' }]);
    const list = csv((await get(`/api/catalogue/workshops/${workshop.id}/interested.csv`)).rawPayload);
    expect(list).toHaveLength(2);
    expect(list[1]).toContain('mia@example.org');

    // Withdrawing the request, then the consent: the lead is gone at once.
    const withdrawn = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}/requests/${clickId}`, headers: as(created) });
    expect(withdrawn.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}/contact`, headers: as(created) })).statusCode).toBe(204);
    expect((await get('/api/leads')).json().items.map((l: { id: string }) => l.id)).not.toContain(created.id);
    expect((await get(`/api/leads/${created.id}`)).statusCode).toBe(404);
  });

  it('refuses a request for a workshop that has passed or an offer that does not exist, naming offerId', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await giveContact(t.app, created, { name: 'Tom', phone: '+49 2041 12345', consentVersion: CONSENT });
    const past = await addWorkshop(t.app, staff, workshopBody('2026-11-10T17:00', { end: '2026-11-10T19:00' }));
    expect(refusedFields(await ask(t.app, created, { offerKind: 'workshop', offerId: past.id, kind: 'interest' }))).toEqual(['/offerId']);
    expect(refusedFields(await ask(t.app, created, { offerKind: 'partner', offerId: 'gibt-es-nicht', kind: 'contact' }))).toEqual(['/offerId']);
    expect((await ask(t.app, created, { offerKind: 'partner', offerId: 'hwk-bit-beratung', kind: 'contact' })).statusCode).toBe(201);
  });

  it('removes a lead when the check is erased', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    await giveContact(t.app, created);
    expect((await get(`/api/leads/${created.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: as(created) })).statusCode).toBe(204);
    expect((await get(`/api/leads/${created.id}`)).statusCode).toBe(404);
  });

  it('exports leads.csv for staff only, audited', async () => {
    const scout = await loggedInAs(t.app, 'scout');
    expect((await t.app.inject({ url: '/api/exports/leads.csv', headers: { cookie: scout.cookie } })).statusCode).toBe(403);
    const response = await get('/api/exports/leads.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const admin = await loggedInAs(t.app, 'admin');
    const audit = (await t.app.inject({ url: '/api/audit?limit=5', headers: { cookie: admin.cookie } })).json();
    expect(audit).toContainEqual(expect.objectContaining({ action: 'export.leads', actorEmail: staff.email }));
  });
});

describe('the eight consenting businesses of issue 16', () => {
  let t: TestApp;
  let staff: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loggedInAs(t.app, 'staff');
    // Six joineries of one kind, and two businesses in a group of their own (a bakery and a hairdresser).
    const profiles = [
      ...Array.from({ length: 6 }, (_, i) => ({ trade: 'holz-kunststoff', employees: '2-4', postcode: '46236', companyName: `Tischlerei ${i + 1}`, email: `tischlerei${i + 1}@example.org` })),
      { trade: 'lebensmittel', employees: '10-19', postcode: '45721', companyName: 'Großbäckerei Haltern', email: 'baeckerei@example.org' },
      { trade: 'gesundheit-koerperpflege-reinigung', employees: '1', postcode: '45731', companyName: 'Salon Waltrop', email: 'salon@example.org' },
    ];
    for (const [i, profile] of profiles.entries()) {
      await submitAnswerSet(t.app, completeAnswerSet(prepared, (['weak', 'middling', 'strong'] as const)[i % 3]!, { ...profile, contactConsent: true }));
    }
  });
  afterAll(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  it('yields eight leads, whatever their group size, while results.csv stays anonymised and contact-free', async () => {
    const results = csv((await get('/api/exports/results.csv')).rawPayload);
    expect(results.length - 1).toBe(6);
    expect(results.flat().join(' ')).not.toMatch(/example\.org|Tischlerei|Salon/);
    const leads = csv((await get('/api/exports/leads.csv')).rawPayload);
    expect(leads.length - 1).toBe(8);
    expect(leads.map((r) => r[2])).toEqual(expect.arrayContaining(['Großbäckerei Haltern', 'Salon Waltrop', 'Tischlerei 1']));
    expect(leads[1]![5]).toBe('handwerk-digital@1.1.0#profile.contactConsent');
  });

  it('pages through the inbox and filters by trade, region and assignee', async () => {
    const seen: string[] = [];
    let url = '/api/leads?limit=3';
    for (;;) {
      const page = (await get(url)).json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((l) => l.id));
      if (!page.nextCursor) break;
      url = `/api/leads?limit=3&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect((await get('/api/leads?trade=lebensmittel')).json().items).toHaveLength(1);
    expect((await get('/api/leads?region=bottrop')).json().items).toHaveLength(6);
    expect((await get('/api/leads?assignee=none')).json().items).toHaveLength(8);
    expect((await get('/api/leads?status=gelesen')).statusCode).toBe(400);
    expect((await get('/api/leads?cursor=!!')).statusCode).toBe(400);
  });
});
