import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { addWorkshop, workshopBody } from '../helpers/offers.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = latestHandwerkDigital();

interface Demand {
  businesses: number | null;
  upcomingDays: number;
  topics: { topic: string; businesses: number; upcomingWorkshops: number; flagged: boolean }[];
}

describe('GET /api/stats/demand', () => {
  let t: TestApp;
  let staff: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loggedInAs(t.app, 'staff');
    for (let i = 0; i < 6; i++) await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak', { trade: 'holz-kunststoff', employees: '2-4', postcode: '46236' }));
    // Two businesses alone in their group: in no figure, the demand view included.
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak', { trade: 'lebensmittel', employees: '10-19', postcode: '45721' }));
    await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong', { trade: 'bau-ausbau', employees: '1', postcode: '45731' }));
  });
  afterAll(() => t.close());
  const demand = async (query = ''): Promise<Demand> => (await t.app.inject({ url: `/api/stats/demand${query}`, headers: { cookie: staff.cookie } })).json();

  it('counts the businesses of the anonymised release per topic and flags topics with demand and no workshop in 90 days', async () => {
    const all = await demand();
    expect(all).toMatchObject({ businesses: 6, upcomingDays: 90 });
    const wood = await demand('?trade=holz-kunststoff');
    // The two small groups are in no view, so the views cannot be differenced to single them out.
    expect(wood.topics.filter((x) => x.businesses > 0)).toEqual(all.topics.filter((x) => x.businesses > 0));
    expect((await demand('?trade=lebensmittel')).businesses).toBeNull();
    const flagged = all.topics.find((x) => x.flagged)!;
    expect(flagged).toMatchObject({ businesses: 6, upcomingWorkshops: 0 });

    const staffHeaders = staff;
    await addWorkshop(t.app, staffHeaders, workshopBody('2027-04-01T17:00', { topics: [flagged.topic], end: '2027-04-01T19:00' }));
    expect((await demand()).topics.find((x) => x.topic === flagged.topic)).toMatchObject({ upcomingWorkshops: 0, flagged: true });
    await addWorkshop(t.app, staffHeaders, workshopBody('2026-12-15T17:00', { topics: [flagged.topic], end: '2026-12-15T19:00' }));
    expect((await demand()).topics.find((x) => x.topic === flagged.topic)).toMatchObject({ businesses: 6, upcomingWorkshops: 1, flagged: false });
  });

  it('is for staff only', async () => {
    expect((await t.app.inject({ url: '/api/stats/demand' })).statusCode).toBe(401);
  });
});
